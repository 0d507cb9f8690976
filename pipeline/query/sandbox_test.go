package query

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"testing"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/store"
)

// emptyStore is a new database holding the built-in areas only.
func emptyStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "obs.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

func newSandbox(t *testing.T, st *store.Store, limit time.Duration) *Sandbox {
	t.Helper()
	sb, err := NewSandbox(SandboxOptions{Dir: filepath.Join(t.TempDir(), "console"), TimeLimit: limit, MaxMemory: "128MB"})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	if err := st.Publish(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := sb.Refresh(context.Background(), store.ReadCopy(st.Path)); err != nil {
		t.Fatal(err)
	}
	return sb
}

// console runs sql as the web console does: in a child process.
func console(sb *Sandbox, sql string, rows int) (*ConsoleResult, error) {
	return sb.Console(context.Background(), ConsoleQuery{SQL: sql, Rows: rows})
}

func TestConsoleRefuses(t *testing.T) {
	st := emptyStore(t)
	sb := newSandbox(t, st, 2*time.Second)
	marker := filepath.Join(t.TempDir(), "written")
	cases := []struct {
		name, sql string
		want      error // nil: any error will do, as long as it is one
		msg       string
	}{
		{"read_csv", "SELECT * FROM read_csv('/etc/passwd')", nil, "disabled"},
		{"read_text", "SELECT * FROM read_text('/etc/passwd')", nil, "disabled"},
		{"read_parquet", "SELECT * FROM read_parquet('/tmp/x.parquet')", nil, "disabled"},
		{"glob", "SELECT * FROM glob('/etc/*')", nil, "disabled"},
		{"replacement scan", "SELECT * FROM '/etc/passwd'", nil, ""},
		{"copy to", "COPY areas TO '" + marker + "'", nil, "disabled"},
		{"copy to stdout", "COPY areas TO STDOUT", nil, ""},
		{"copy in select", "SELECT 1; COPY areas TO '" + marker + "'", ErrRefused, "several"},
		{"attach", "ATTACH '" + marker + "' AS x", ErrRefused, "ATTACH"},
		{"install", "INSTALL httpfs", ErrRefused, "INSTALL"},
		{"load", "LOAD httpfs", ErrRefused, "LOAD"},
		{"set", "SET enable_external_access = true", ErrRefused, "SET"},
		{"set memory", "SET max_memory = '64GB'", ErrRefused, "SET"},
		{"reset", "RESET lock_configuration", ErrRefused, ""},
		{"pragma that writes", "PRAGMA enable_profiling", ErrRefused, "PRAGMA"},
		{"pragma memory", "PRAGMA memory_limit = '64GB'", ErrRefused, "SET"},
		{"create table", "CREATE TABLE x (i INTEGER)", ErrRefused, ""},
		{"create temp table", "CREATE TEMP TABLE x AS SELECT 1", ErrRefused, "CREATE"},
		{"create macro", "CREATE TEMP MACRO m(a) AS a", ErrRefused, "CREATE"},
		{"insert", "INSERT INTO areas (area_id, name) VALUES ('x', 'x')", ErrRefused, ""},
		{"update", "UPDATE areas SET name = 'x'", ErrRefused, ""},
		{"delete", "DELETE FROM quarantine", ErrRefused, ""},
		{"drop", "DROP TABLE areas", ErrRefused, ""},
		{"explain analyze", "EXPLAIN ANALYZE SELECT 1", ErrRefused, "EXPLAIN"},
		{"call", "CALL pragma_version()", ErrRefused, "CALL"},
		{"checkpoint", "CHECKPOINT", ErrRefused, ""},
		{"two statements", "SELECT 1; SELECT 2", ErrRefused, "several"},
		{"set hidden after select", "SELECT 1; SET threads = 8", ErrRefused, "several"},
		{"query function", "SELECT * FROM query('CREATE TEMP TABLE z (i INTEGER)')", nil, ""},
		{"sequence", "SELECT nextval('load_seq')", nil, "read-only"},
		{"empty", "  ", ErrRefused, ""},
		{"a scan that runs for ever", "SELECT sum(range) FROM range(100000000000)", ErrTimeLimit, "time limit"},
	}
	// A query that would hold gigabytes is stopped by the memory limit (or,
	// failing that, the time limit).
	_, err := console(sb, "SELECT list(range) AS l FROM range(400000000)", 1)
	t.Logf("a 3 GB list: %v", err)
	if !errors.Is(err, ErrMemory) && !errors.Is(err, ErrTimeLimit) {
		t.Errorf("a 3 GB list: %v; want the memory or time limit", err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, err := console(sb, c.sql, 100)
			if err == nil {
				t.Fatalf("%s: ran; want it refused", c.sql)
			}
			if c.want != nil && !errors.Is(err, c.want) {
				t.Errorf("%s: %v; want %v", c.sql, err, c.want)
			}
			if c.msg != "" && !strings.Contains(err.Error(), c.msg) {
				t.Errorf("%s: %q does not say %q", c.sql, err, c.msg)
			}
			if d := time.Since(start); d > 5*time.Second {
				t.Errorf("%s took %s to refuse", c.sql, d)
			}
		})
	}
	if _, err := os.Stat(marker); err == nil {
		t.Errorf("%s was written", marker)
	}
	// The settings stay as they were, and the sandbox still answers.
	res, err := console(sb, "SELECT current_setting('enable_external_access')::VARCHAR, current_setting('lock_configuration')::VARCHAR, (SELECT count(*) FROM areas)", 10)
	if err != nil {
		t.Fatal(err)
	}
	row := res.Cells[0]
	if row[0] != "false" || row[1] != "true" || row[2] != "15" {
		t.Errorf("after the attempts: external access %v, locked %v, areas %v; want false, true, 15", row[0], row[1], row[2])
	}
	// The read-write database was never touched.
	var n int
	if err := st.DB.QueryRow("SELECT count(*) FROM areas WHERE name = 'x'").Scan(&n); err != nil || n != 0 {
		t.Errorf("read-write database changed: %d rows, %v", n, err)
	}
}

func TestConsoleReads(t *testing.T) {
	st := emptyStore(t)
	sb := newSandbox(t, st, 5*time.Second)
	for _, q := range []string{
		"SELECT area_id, name FROM areas ORDER BY area_id",
		"FROM areas",
		"WITH a AS (SELECT * FROM areas) SELECT count(*) FROM a",
		"DESCRIBE areas",
		"SUMMARIZE areas",
		"SELECT * FROM events LIMIT 5",
		"SELECT * FROM duckdb_tables()",
	} {
		if _, err := console(sb, q, 1000); err != nil {
			t.Errorf("%s: %v", q, err)
		}
	}
	res, err := console(sb, "SELECT range AS i FROM range(5000)", 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Cells) != 100 || !res.Truncated || res.Cut {
		t.Errorf("row limit: %d rows, truncated %v, cut %v; want 100, true, false", len(res.Cells), res.Truncated, res.Cut)
	}
	// The database's macros come with the copy.
	res, err = console(sb, "SELECT period_label(2021)", 10)
	if err != nil || len(res.Cells) != 1 || res.Cells[0][0] != "2021-22" {
		t.Errorf("period_label: %v %v", res, err)
	}
}

func TestConsoleSeesRefresh(t *testing.T) {
	st := emptyStore(t)
	sb := newSandbox(t, st, 5*time.Second)
	if _, err := st.DB.Exec("UPDATE areas SET population = 1234 WHERE area_id = 'hanwell'"); err != nil {
		t.Fatal(err)
	}
	q := "SELECT population FROM areas WHERE area_id = 'hanwell'"
	res, err := console(sb, q, 1)
	if err != nil || !res.Nulls[0][0] {
		t.Fatalf("snapshot saw a later write before refresh: %v %v", res, err)
	}
	if err := st.Publish(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := sb.Refresh(context.Background(), store.ReadCopy(st.Path)); err != nil {
		t.Fatal(err)
	}
	res, err = console(sb, q, 1)
	if err != nil || res.Cells[0][0] != "1234" {
		t.Errorf("after refresh: %v, %v; want 1234", res, err)
	}
}

// TestConsoleProcessLimits: the console's query process has an OS memory
// limit that holds even when DuckDB's own would let a query through, and a
// query past the time limit is killed with its process.
func TestConsoleProcessLimits(t *testing.T) {
	st := emptyStore(t)
	if err := st.Publish(context.Background()); err != nil {
		t.Fatal(err)
	}
	sb, err := NewSandbox(SandboxOptions{Dir: filepath.Join(t.TempDir(), "console"), TimeLimit: 20 * time.Second,
		MaxMemory: "8GB", ProcessMemory: 256 << 20})
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { sb.Close() })
	if err := sb.Refresh(context.Background(), store.ReadCopy(st.Path)); err != nil {
		t.Fatal(err)
	}
	_, err = console(sb, "SELECT length(repeat(chr(120), 600000000))", 1)
	t.Logf("600 MB in a 256 MB process: %v", err)
	if !errors.Is(err, ErrMemory) {
		t.Errorf("600 MB in a 256 MB process: %v; want ErrMemory", err)
	}
	// The limit leaves room for ordinary queries.
	if res, err := console(sb, "SELECT length(repeat(chr(120), 10000000))", 1); err != nil || res.Cells[0][0] != "10,000,000" {
		t.Errorf("10 MB in a 256 MB process: %v %v", res, err)
	}

	start := time.Now()
	// A long scan that needs no memory, so that the time limit, not the
	// memory limit, stops it however fast the machine.
	_, err = sb.Console(context.Background(), ConsoleQuery{SQL: "SELECT sum(range) FROM range(100000000000)", Within: time.Second})
	if !errors.Is(err, ErrTimeLimit) {
		t.Errorf("a long scan: %v; want ErrTimeLimit", err)
	}
	t.Logf("stopped after %s", time.Since(start))
	if left := childProcesses(t); len(left) > 0 {
		t.Errorf("query processes still running after the time limit: %v", left)
	}
}

// childProcesses lists this process's children that run console queries.
func childProcesses(t *testing.T) []string {
	t.Helper()
	dirs, _ := filepath.Glob("/proc/[0-9]*/stat")
	var out []string
	for _, d := range dirs {
		stat, err := os.ReadFile(d)
		if err != nil {
			continue
		}
		f := strings.Fields(string(stat[strings.LastIndexByte(string(stat), ')')+1:]))
		cmd, _ := os.ReadFile(filepath.Join(filepath.Dir(d), "cmdline"))
		if len(f) > 1 && f[1] == strconv.Itoa(os.Getpid()) && strings.Contains(string(cmd), ChildArg) && f[0] != "Z" {
			out = append(out, filepath.Dir(d))
		}
	}
	return out
}

// TestMain lets the test binary be the console's query process, as obs
// itself is (ChildArg).
func TestMain(m *testing.M) {
	if len(os.Args) > 1 && os.Args[1] == ChildArg {
		os.Exit(ChildMain(os.Stdin, os.Stdout, os.Stderr))
	}
	os.Exit(m.Run())
}
