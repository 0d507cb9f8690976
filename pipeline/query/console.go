package query

import (
	"bufio"
	"bytes"
	"context"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"os/exec"
	"strings"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// ConsoleQuery is one query typed into the console.
type ConsoleQuery struct {
	SQL    string
	Rows   int            // most rows kept
	Within time.Duration  // time limit (0, or more than the sandbox's: the sandbox's)
	Format string         // "" for the page; tabular.FormatCSV or FormatXLSX for a download
	Record tabular.Record // what a download says of itself
}

// Console runs a console query in a child process (see ChildArg), with its
// own limit of queries at once, so that slow console queries never keep the
// saved queries and pages waiting. The child is killed at the time limit;
// it cannot use more than the sandbox's ProcessMemory; a page holds at most
// PageBytes of cell text, a download at most DownloadBytes.
func (s *Sandbox) Console(ctx context.Context, q ConsoleQuery) (*ConsoleResult, error) {
	within := q.Within
	if within <= 0 || within > s.opt.TimeLimit {
		within = s.opt.TimeLimit
	}
	select {
	case s.console <- struct{}{}:
		defer func() { <-s.console }()
	case <-ctx.Done():
		return nil, ErrBusy
	case <-time.After(time.Second):
		return nil, ErrBusy
	}
	snap, err := s.hold()
	if err != nil {
		return nil, err
	}
	defer snap.inUse.RUnlock()
	req := childRequest{DB: snap.path, SQL: q.SQL, Rows: q.Rows, Format: q.Format, Record: q.Record, MaxBytes: s.opt.PageBytes,
		MaxMemory: s.opt.MaxMemory, Threads: s.opt.Threads, Memory: s.opt.ProcessMemory,
		CPUSeconds: uint64(within/time.Second) + 2}
	if q.Format != "" {
		req.MaxBytes = s.opt.DownloadBytes
	}
	ctx, cancel := context.WithTimeout(ctx, within)
	defer cancel()
	res, err := s.runChild(ctx, req)
	switch {
	case err == nil:
		return res, nil
	case errors.Is(ctx.Err(), context.DeadlineExceeded):
		return nil, fmt.Errorf("%w (%s)", ErrTimeLimit, within)
	}
	return nil, err
}

// runChild starts the child, gives it req and reads its answer.
func (s *Sandbox) runChild(ctx context.Context, req childRequest) (*ConsoleResult, error) {
	body, err := json.Marshal(req)
	if err != nil {
		return nil, err
	}
	cmd := exec.CommandContext(ctx, s.opt.Command[0], s.opt.Command[1:]...)
	cmd.Stdin = bytes.NewReader(body)
	cmd.Env = append(os.Environ(), "GOTRACEBACK=none", "MALLOC_ARENA_MAX=2")
	var stderr bytes.Buffer
	cmd.Stderr = &capped{w: &stderr, n: 64 << 10}
	cmd.WaitDelay = time.Second
	out, err := cmd.StdoutPipe()
	if err != nil {
		return nil, err
	}
	if err := cmd.Start(); err != nil {
		return nil, fmt.Errorf("starting the console's query process: %w", err)
	}
	ans, rerr := readAnswer(out, req.MaxBytes)
	io.Copy(io.Discard, out)
	werr := cmd.Wait()
	if ctx.Err() != nil {
		return nil, ctx.Err()
	}
	if rerr != nil || werr != nil {
		if werr == nil {
			werr = rerr
		}
		return nil, childFailure(werr, stderr.String(), s.opt.ProcessMemory)
	}
	switch ans.Kind {
	case "":
		if ans.Error == "" {
			return &ans.ConsoleResult, nil
		}
		return nil, &SQLError{Query: "the SQL", Err: errors.New(ans.Error)}
	case "refused":
		return nil, &refusal{kind: ErrWrite, msg: ans.Error}
	case "memory":
		return nil, fmt.Errorf("%w (%s for the data, %d MB for the whole query)", ErrMemory, s.opt.MaxMemory, s.opt.ProcessMemory>>20)
	case "toolarge":
		return nil, fmt.Errorf("%w (%d MB)", ErrTooLarge, req.MaxBytes>>20)
	}
	return nil, errors.New(ans.Error)
}

// readAnswer reads the child's answer line and the download after it,
// never more than the caps allow.
func readAnswer(out io.Reader, maxBytes int64) (*childAnswer, error) {
	// Cells are at most maxBytes of text; JSON may escape each byte as \u00XX.
	br := bufio.NewReader(io.LimitReader(out, 8*maxBytes+1<<20))
	line, err := br.ReadBytes('\n')
	if err != nil {
		return nil, fmt.Errorf("reading the console's query process: %w", err)
	}
	var ans childAnswer
	if err := json.Unmarshal(line, &ans); err != nil {
		return nil, err
	}
	if ans.FileBytes > maxBytes {
		return nil, fmt.Errorf("%w (%d MB)", ErrTooLarge, maxBytes>>20)
	}
	if ans.FileBytes > 0 {
		ans.File = make([]byte, ans.FileBytes)
		if _, err := io.ReadFull(br, ans.File); err != nil {
			return nil, err
		}
	}
	return &ans, nil
}

// childFailure is what a child that stopped without answering means: in
// nearly every case, that it reached its memory limit.
func childFailure(err error, stderr string, limit int64) error {
	low := strings.ToLower(stderr)
	for _, m := range []string{"out of memory", "bad_alloc", "cannot allocate", "memory"} {
		if strings.Contains(low, m) {
			return fmt.Errorf("%w (%d MB for the whole query process)", ErrMemory, limit>>20)
		}
	}
	var ee *exec.ExitError
	if errors.As(err, &ee) && !ee.Exited() {
		// killed by a signal: SIGSEGV or SIGABRT when an allocation failed
		return fmt.Errorf("%w (%d MB for the whole query process; it stopped with %v)", ErrMemory, limit>>20, ee.ProcessState)
	}
	return fmt.Errorf("the console's query process stopped: %v %s", err, strings.TrimSpace(stderr))
}

// capped writes at most n bytes to w and drops the rest.
type capped struct {
	w io.Writer
	n int
}

func (c *capped) Write(p []byte) (int, error) {
	k := min(len(p), c.n)
	c.w.Write(p[:k])
	c.n -= k
	return len(p), nil
}
