package cli

import (
	"bytes"
	"context"
	"fmt"
	"os"
	"os/exec"
	"os/signal"
	"path/filepath"
	"strings"
	"syscall"
	"testing"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/sample"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// TestMain lets the test binary act as the obs program for the tests that
// need a process of their own: with OBS_TEST_CHILD=obs it runs its
// arguments as cmd/obs does, Ctrl+C included.
func TestMain(m *testing.M) {
	if os.Getenv("OBS_TEST_CHILD") == "obs" {
		ctx, stop := signal.NotifyContext(context.Background(), os.Interrupt)
		code := Run(ctx, os.Args[1:], os.Stdin, os.Stdout, os.Stderr)
		stop()
		os.Exit(code)
	}
	os.Exit(m.Run())
}

// TestCtrlC: Ctrl+C (SIGINT) in the middle of loading a large return stops
// obs with status 130, says "stopped", and leaves every table as it was.
func TestCtrlC(t *testing.T) {
	db := seededDB(t)
	dir := filepath.Dir(db)
	big := filepath.Join(dir, "big.xlsx")
	if err := sample.LargeEvents(big, 300000, 1); err != nil {
		t.Fatal(err)
	}
	before := tableContents(t, db)
	st, err := os.Stat(db)
	if err != nil {
		t.Fatal(err)
	}
	cmd := exec.Command(os.Args[0], "ingest", "--db", db, "--key", filepath.Join(dir, "key"), big)
	cmd.Env = append(os.Environ(), "OBS_TEST_CHILD=obs")
	var stdout, stderr bytes.Buffer
	cmd.Stdout, cmd.Stderr = &stdout, &stderr
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	exited := make(chan error, 1)
	go func() { exited <- cmd.Wait() }()
	// The database file grows once the load writes its first rows, inside
	// its transaction: that is the moment to press Ctrl+C.
	var waitErr error
	deadline := time.After(3 * time.Minute)
wait:
	for {
		select {
		case waitErr = <-exited:
			t.Fatalf("obs ingest ended (%v) before it could be stopped; make the file bigger\n%s%s", waitErr, &stdout, &stderr)
		case <-deadline:
			cmd.Process.Kill()
			t.Fatal("the database never grew: the load did not start")
		case <-time.After(20 * time.Millisecond):
			if now, err := os.Stat(db); err == nil && now.Size() > st.Size() {
				break wait
			}
		}
	}
	if err := cmd.Process.Signal(syscall.SIGINT); err != nil {
		t.Fatal(err)
	}
	waitErr = <-exited
	if code := cmd.ProcessState.ExitCode(); code != ExitStopped {
		t.Fatalf("exit status %d (%v), want %d\n%s%s", code, waitErr, ExitStopped, &stdout, &stderr)
	}
	if want := "obs ingest: stopped; nothing was changed\n"; stderr.String() != want {
		t.Errorf("stderr = %q, want %q", &stderr, want)
	}
	if after := tableContents(t, db); after != before {
		t.Errorf("a stopped load changed the database:\nbefore %s\nafter  %s", before, after)
	}
}

// tableContents sums up every table: its name, rows and a hash of its rows.
func tableContents(t *testing.T, path string) string {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.DB.Query("SELECT table_name FROM duckdb_tables() WHERE NOT temporary ORDER BY table_name")
	if err != nil {
		t.Fatal(err)
	}
	var tables []string
	for rows.Next() {
		var name string
		if err := rows.Scan(&name); err != nil {
			t.Fatal(err)
		}
		tables = append(tables, name)
	}
	if err := rows.Err(); err != nil {
		t.Fatal(err)
	}
	var b strings.Builder
	for _, name := range tables {
		var n int64
		var sum string
		q := fmt.Sprintf(`SELECT count(*), coalesce(sum(hash(t::VARCHAR)::HUGEINT), 0)::VARCHAR FROM %q AS t`, name)
		if err := st.DB.QueryRow(q).Scan(&n, &sum); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%s %d %s; ", name, n, sum)
	}
	return b.String()
}
