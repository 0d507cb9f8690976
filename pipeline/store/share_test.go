package store

import (
	"bufio"
	"context"
	"errors"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// TestMain lets the test binary act as a process that holds a database for
// writing until its standard input closes.
func TestMain(m *testing.M) {
	if path := os.Getenv("OBS_STORE_HOLD"); path != "" {
		st, err := Open(context.Background(), path)
		if err != nil {
			println("OPEN-ERROR", err.Error())
			os.Exit(1)
		}
		os.Stdout.WriteString("HOLDING\n")
		bufio.NewReader(os.Stdin).ReadString('\n')
		st.Close()
		os.Exit(0)
	}
	os.Exit(m.Run())
}

func count(t *testing.T, st *Store, table string) int {
	t.Helper()
	var n int
	if err := st.DB.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

func write(t *testing.T, path, stmt string) {
	t.Helper()
	st, err := Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB.Exec(stmt); err != nil {
		t.Fatal(err)
	}
	if err := st.Close(); err != nil {
		t.Fatal(err)
	}
}

// TestReadersFollowWrites: a write leaves a reading copy; readers see each
// finished write; a following reader sees later writes without reopening,
// and a query under way when a write finishes ends on the copy it began on.
func TestReadersFollowWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "obs.duckdb")
	write(t, path, "CREATE TABLE t AS SELECT range AS i FROM range(1000)")
	if _, err := os.Stat(ReadCopy(path)); err != nil {
		t.Fatalf("no reading copy after a write: %v", err)
	}
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	if n := count(t, ro, "t"); n != 1000 {
		t.Errorf("reader sees %d rows, want 1000", n)
	}
	ro.Close()

	fo, err := OpenFollowing(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer fo.Close()
	rows, err := fo.DB.Query("SELECT i FROM t ORDER BY i")
	if err != nil {
		t.Fatal(err)
	}
	write(t, path, "INSERT INTO t SELECT range + 1000 FROM range(500)")
	if !fo.Changed() || fo.Changed() {
		t.Error("Changed should report the write once")
	}
	read := 0
	for rows.Next() {
		read++
	}
	if err := rows.Err(); err != nil || read != 1000 {
		t.Errorf("the query begun before the write read %d rows (%v), want the 1000 it began on", read, err)
	}
	rows.Close()
	if n := count(t, fo, "t"); n != 1500 {
		t.Errorf("following reader sees %d rows after the write, want 1500", n)
	}
	if fo.Changed() {
		t.Error("Changed with no write since")
	}
}

// TestReadWhileAnotherProcessWrites: while another process holds the
// database for writing, a reader opens at once and sees the last finished
// write, and a second writer waits, then says which command holds it.
func TestReadWhileAnotherProcessWrites(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "obs.duckdb")
	write(t, path, "CREATE TABLE t AS SELECT 1 AS i")
	cmd := exec.Command(os.Args[0], "-test.run=^$")
	cmd.Env = append(os.Environ(), "OBS_STORE_HOLD="+path)
	stdin, _ := cmd.StdinPipe()
	stdout, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	defer cmd.Wait()
	defer stdin.Close()
	if line, _ := bufio.NewReader(stdout).ReadString('\n'); line != "HOLDING\n" {
		t.Fatalf("the holding process said %q", line)
	}

	start := time.Now()
	ro, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatalf("a reader could not open while another process writes: %v", err)
	}
	if n := count(t, ro, "t"); n != 1 {
		t.Errorf("reader sees %d rows, want 1", n)
	}
	ro.Close()
	if d := time.Since(start); d > 5*time.Second {
		t.Errorf("the reader took %s: it waited for the writer", d)
	}

	defer func(w time.Duration) { LockWait = w }(LockWait)
	LockWait = 500 * time.Millisecond
	_, err = Open(ctx, path)
	var busy *BusyError
	if !errors.As(err, &busy) || !errors.Is(err, ErrBusy) {
		t.Fatalf("a second writer got %v, want a BusyError", err)
	}
	if busy.Writer == nil || busy.Writer.PID != cmd.Process.Pid || !strings.Contains(err.Error(), "process") {
		t.Errorf("the message does not name the process holding the database: %v", err)
	}
	stdin.Close()
	cmd.Wait()
	LockWait = 20 * time.Second
	st, err := Open(ctx, path)
	if err != nil {
		t.Fatalf("after the other process finished: %v", err)
	}
	st.Close()
}
