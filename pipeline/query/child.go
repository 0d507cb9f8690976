package query

import (
	"bufio"
	"bytes"
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"runtime/debug"
	"syscall"
	"time"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// The console's queries run in a child process: obs started again with the
// hidden argument ChildArg, which reads one request on stdin, runs it on the
// snapshot under a memory limit (setrlimit RLIMIT_DATA, which counts every
// heap and private mapping the process writes, so that DuckDB's allocations
// outside its max_memory and Go's own cannot pass it either; unlike
// RLIMIT_AS it does not count the address space DuckDB and Go reserve
// without using, ~1.5 GB) and a CPU-time limit, and
// writes the answer on stdout. The server kills the child at the time limit,
// so a query DuckDB cannot interrupt stops all the same, and whatever the
// child holds goes with it.

// ChildArg is the hidden first argument that makes obs (or a test binary
// whose TestMain calls ChildMain) run one console query.
const ChildArg = "__console-query"

// childRequest is what the server asks of the child.
type childRequest struct {
	DB         string // the snapshot
	SQL        string
	Rows       int    // most rows kept
	MaxBytes   int64  // most bytes of cell text (a page) or of the file (a download)
	Format     string // "" for a page; tabular.FormatCSV or FormatXLSX for a download
	Record     tabular.Record
	MaxMemory  string // DuckDB max_memory
	Threads    int    // DuckDB threads
	Memory     int64  // RLIMIT_DATA, bytes
	CPUSeconds uint64 // RLIMIT_CPU
}

// ConsoleResult is a console query's answer: for a page, its cells as a
// person reads them; for a download, the file.
type ConsoleResult struct {
	Columns   []string
	Types     []string
	Cells     [][]string // as a person reads them (tabular.Display)
	Raw       [][]string // as stored (tabular.Plain), to find an area's name
	Nulls     [][]bool
	Truncated bool // more rows than asked for
	Cut       bool // the rows shown stop at the page's size in bytes
	File      []byte
	Elapsed   time.Duration
}

// childAnswer is the first line the child writes; a download's bytes follow.
type childAnswer struct {
	ConsoleResult
	FileBytes int64
	Error     string
	Kind      string // "refused", "memory", "toolarge" or "" (DuckDB's own complaint)
}

// ChildMain runs one console query as the child process and returns its
// exit status.
func ChildMain(stdin io.Reader, stdout, stderr io.Writer) int {
	var req childRequest
	if err := json.NewDecoder(io.LimitReader(stdin, 1<<20)).Decode(&req); err != nil {
		fmt.Fprintf(stderr, "obs %s: reading the request: %v\n", ChildArg, err)
		return 2
	}
	if err := limitSelf(req); err != nil {
		fmt.Fprintf(stderr, "obs %s: setting limits: %v\n", ChildArg, err)
		return 2
	}
	ans := runChild(req)
	w := bufio.NewWriter(stdout)
	file := ans.File
	ans.File, ans.FileBytes = nil, int64(len(file))
	if err := json.NewEncoder(w).Encode(ans); err != nil {
		fmt.Fprintf(stderr, "obs %s: %v\n", ChildArg, err)
		return 2
	}
	w.Write(file)
	if err := w.Flush(); err != nil {
		return 2
	}
	return 0
}

// limitSelf caps this process's memory and CPU time, and tells the Go
// runtime to stay well inside the first.
func limitSelf(req childRequest) error {
	if req.Memory > 0 {
		lim := &syscall.Rlimit{Cur: uint64(req.Memory), Max: uint64(req.Memory)}
		if err := syscall.Setrlimit(syscall.RLIMIT_DATA, lim); err != nil {
			return err
		}
		debug.SetMemoryLimit(req.Memory / 4)
	}
	if req.CPUSeconds > 0 {
		lim := &syscall.Rlimit{Cur: req.CPUSeconds, Max: req.CPUSeconds + 1}
		if err := syscall.Setrlimit(syscall.RLIMIT_CPU, lim); err != nil {
			return err
		}
	}
	return nil
}

func runChild(req childRequest) (ans childAnswer) {
	ctx := context.Background()
	db, err := openLocked(ctx, req.DB, SandboxOptions{MaxMemory: req.MaxMemory, Threads: req.Threads, Concurrent: 1})
	if err != nil {
		return failed(err)
	}
	defer db.Close()
	conn, err := db.Conn(ctx)
	if err != nil {
		return failed(err)
	}
	defer conn.Close()
	if _, err := Check(conn, "the SQL", req.SQL, ConsoleAdvice); err != nil {
		return failed(err)
	}
	start := time.Now()
	rows, err := conn.QueryContext(ctx, req.SQL)
	if err != nil {
		return failed(err)
	}
	t, trunc, cut, err := readCapped(rows, req.Rows, req.MaxBytes)
	if err != nil {
		return failed(err)
	}
	ans.Columns, ans.Types, ans.Truncated, ans.Cut = t.Columns, t.Types, trunc, cut
	if req.Format == "" {
		for r, row := range t.Rows {
			cells, raw, nulls := make([]string, len(row)), make([]string, len(row)), make([]bool, len(row))
			for i, c := range row {
				cells[i], raw[i], nulls[i] = t.Display(r, i), tabular.Plain(c, t.Types[i]), c == nil
			}
			ans.Cells, ans.Raw, ans.Nulls = append(ans.Cells, cells), append(ans.Raw, raw), append(ans.Nulls, nulls)
		}
	} else {
		if cut {
			return childAnswer{Kind: "toolarge", Error: fmt.Sprintf("%v (%d MB)", ErrTooLarge, req.MaxBytes>>20)}
		}
		var b bytes.Buffer
		if err := tabular.WriteRecorded(&b, t, req.Format, req.Record); err != nil {
			return failed(err)
		}
		if int64(b.Len()) > req.MaxBytes {
			return childAnswer{Kind: "toolarge", Error: fmt.Sprintf("%v (%d MB)", ErrTooLarge, req.MaxBytes>>20)}
		}
		ans.File = b.Bytes()
	}
	ans.Elapsed = time.Since(start)
	return ans
}

// readCapped is tabular.FromRows that also stops once the cells' text
// passes maxBytes (cut).
func readCapped(sr *sql.Rows, limit int, maxBytes int64) (*tabular.Table, bool, bool, error) {
	defer sr.Close()
	t, err := tabular.ColumnsOf(sr)
	if err != nil {
		return nil, false, false, err
	}
	var size int64
	for sr.Next() {
		if limit > 0 && len(t.Rows) == limit {
			return t, true, false, nil
		}
		row, err := tabular.ScanRow(sr, len(t.Columns))
		if err != nil {
			return nil, false, false, err
		}
		for i, v := range row {
			size += int64(len(tabular.Plain(v, t.Types[i]))) + 1
		}
		if size > maxBytes {
			return t, true, true, nil
		}
		t.Rows = append(t.Rows, row)
	}
	return t, false, false, sr.Err()
}

func failed(err error) childAnswer {
	var de *duckdb.Error
	switch {
	case errors.Is(err, ErrRefused):
		return childAnswer{Error: err.Error(), Kind: "refused"}
	case errors.As(err, &de) && de.Type == duckdb.ErrorTypeOutOfMemory:
		return childAnswer{Error: err.Error(), Kind: "memory"}
	}
	return childAnswer{Error: err.Error()}
}
