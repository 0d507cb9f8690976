package query

import (
	"context"
	"database/sql"
	"errors"
	"os"
	"path/filepath"
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
		{"cross join forever", "SELECT count(*) FROM range(1000000000) a, range(1000000000) b", ErrTimeLimit, "time limit"},
	}
	// A query that would hold gigabytes is stopped by the memory limit (or,
	// failing that, the time limit).
	_, err := sb.Query(context.Background(), "SELECT list(range) AS l FROM range(400000000)", nil, 1)
	t.Logf("a 3 GB list: %v", err)
	if !errors.Is(err, ErrMemory) && !errors.Is(err, ErrTimeLimit) {
		t.Errorf("a 3 GB list: %v; want the memory or time limit", err)
	}
	for _, c := range cases {
		t.Run(c.name, func(t *testing.T) {
			start := time.Now()
			_, err := sb.Query(context.Background(), c.sql, nil, 100)
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
	res, err := sb.Query(context.Background(), "SELECT current_setting('enable_external_access')::VARCHAR, current_setting('lock_configuration')::VARCHAR, (SELECT count(*) FROM areas)", nil, 10)
	if err != nil {
		t.Fatal(err)
	}
	row := res.Table.Rows[0]
	if row[0] != "false" || row[1] != "true" || row[2] != int64(15) {
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
		if _, err := sb.Query(context.Background(), q, nil, 1000); err != nil {
			t.Errorf("%s: %v", q, err)
		}
	}
	res, err := sb.Query(context.Background(), "SELECT range AS i FROM range(5000)", nil, 100)
	if err != nil {
		t.Fatal(err)
	}
	if len(res.Table.Rows) != 100 || !res.Truncated {
		t.Errorf("row limit: %d rows, truncated %v; want 100, true", len(res.Table.Rows), res.Truncated)
	}
	res, err = sb.Query(context.Background(), "SELECT name FROM areas WHERE area_id = $id", []any{sql.Named("id", "hanwell")}, 10)
	if err != nil || len(res.Table.Rows) != 1 || res.Table.Rows[0][0] != "Hanwell" {
		t.Errorf("named parameter: %v %v", res, err)
	}
	// The database's macros come with the copy.
	res, err = sb.Query(context.Background(), "SELECT period_label(2021)", nil, 10)
	if err != nil || len(res.Table.Rows) != 1 || res.Table.Rows[0][0] != "2021-22" {
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
	res, _ := sb.Query(context.Background(), q, nil, 1)
	if res.Table.Rows[0][0] != nil {
		t.Fatalf("snapshot saw a later write before refresh: %v", res.Table.Rows[0][0])
	}
	if err := st.Publish(context.Background()); err != nil {
		t.Fatal(err)
	}
	if err := sb.Refresh(context.Background(), store.ReadCopy(st.Path)); err != nil {
		t.Fatal(err)
	}
	res, err := sb.Query(context.Background(), q, nil, 1)
	if err != nil || res.Table.Rows[0][0] != int64(1234) {
		t.Errorf("after refresh: %v, %v; want 1234", res, err)
	}
}
