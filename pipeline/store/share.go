package store

import (
	"context"
	"database/sql"
	"encoding/json"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"syscall"
	"time"
)

// How several obs processes share one database. DuckDB lets one process
// at a time write a database file, and no other process read it meanwhile.
// So obs keeps two files: the database itself (obs.duckdb), opened for
// writing only while a command writes (a load, a recompute, a re-check) and
// closed as soon as it is done; and its reading copy (obs.duckdb.read),
// replaced whole, by rename, each time a writer closes. Every reader (obs
// status, query, pack, notebook, export, the web's pages) opens the reading
// copy, so a read never waits for a write, and a write waits only for another
// write. A reader sees the database as the last finished write left it.

// ReadCopy is the path of a database's reading copy.
func ReadCopy(path string) string { return path + ".read" }

// writerFile is where the process writing a database says who it is, so that
// another process kept waiting can say what holds the database.
func writerFile(path string) string { return path + ".writer" }

// Writer says which process is writing a database, and since when.
type Writer struct {
	PID     int       `json:"pid"`
	Command string    `json:"command"`
	Since   time.Time `json:"since"`
}

// claim records this process as the database's writer.
func claim(path string) {
	cmd := filepath.Base(os.Args[0])
	if len(os.Args) > 1 && !strings.HasPrefix(os.Args[1], "-") {
		cmd += " " + os.Args[1]
	}
	b, _ := json.Marshal(Writer{PID: os.Getpid(), Command: cmd, Since: time.Now().UTC()})
	os.WriteFile(writerFile(path), b, 0o644)
}

// release removes the writer's record when it is this process's.
func release(path string) {
	if w, ok := CurrentWriter(path); ok && w.PID == os.Getpid() {
		os.Remove(writerFile(path))
	}
}

// CurrentWriter reads which live process says it is writing the database.
func CurrentWriter(path string) (Writer, bool) {
	var w Writer
	b, err := os.ReadFile(writerFile(path))
	if err != nil || json.Unmarshal(b, &w) != nil || w.PID <= 0 {
		return w, false
	}
	if err := syscall.Kill(w.PID, 0); err != nil && !errors.Is(err, syscall.EPERM) {
		return w, false // that process is gone
	}
	return w, true
}

// BusyError says a database could not be opened for writing because another
// process is writing it; it names that process when known.
type BusyError struct {
	Path   string
	Waited time.Duration
	Writer *Writer // nil when the other process did not say
}

func (e *BusyError) Error() string {
	who := "another obs command"
	if w := e.Writer; w != nil {
		who = fmt.Sprintf("'%s' (process %d, writing since %s)", w.Command, w.PID, w.Since.Local().Format("15:04:05"))
	}
	return fmt.Sprintf("%s: the database is being changed by %s; obs waited %s. Wait for it to finish and try again",
		e.Path, who, e.Waited.Round(time.Second))
}

// Is makes a BusyError an ErrBusy.
func (e *BusyError) Is(target error) bool { return target == ErrBusy }

// Publish makes the reading copy from the database as it is now (Close
// does it too, for a store opened for writing): it
// checkpoints (so the file holds every committed change), copies the file
// beside it and renames the copy over the reading copy. It runs while this
// process still holds the database, so no write happens during the copy;
// readers that have the old copy open keep reading it until they close it.
func (s *Store) Publish(ctx context.Context) error {
	if _, err := s.DB.ExecContext(ctx, "CHECKPOINT"); err != nil {
		return fmt.Errorf("%s: making the reading copy: %w", s.Path, err)
	}
	dst := ReadCopy(s.Path)
	tmp, err := os.CreateTemp(filepath.Dir(dst), filepath.Base(dst)+".*.tmp")
	if err != nil {
		return fmt.Errorf("%s: making the reading copy: %w", s.Path, err)
	}
	defer os.Remove(tmp.Name())
	src, err := os.Open(s.Path)
	if err != nil {
		tmp.Close()
		return err
	}
	_, err = io.Copy(tmp, src)
	src.Close()
	if err == nil {
		err = tmp.Sync()
	}
	if cerr := tmp.Close(); err == nil {
		err = cerr
	}
	if err == nil {
		err = os.Chmod(tmp.Name(), 0o644)
	}
	if err == nil {
		err = os.Rename(tmp.Name(), dst)
	}
	if err != nil {
		return fmt.Errorf("%s: making the reading copy: %w", s.Path, err)
	}
	return nil
}

// readPath is the file a reader opens: the reading copy, or the database
// itself for a database that has none yet (made by an obs before reading
// copies, and not written since).
func readPath(path string) string {
	if _, err := os.Stat(ReadCopy(path)); err == nil {
		return ReadCopy(path)
	}
	return path
}

// OpenScratch opens the database's reading copy, read-only, inside an
// in-memory database that may hold tables of its own and write files: for
// work that reads the database and makes something of it, such as an export
// (DuckDB's COPY ... TO writes the Parquet) or computing the results again
// (which stages rows in temporary tables through Arrow).
func OpenScratch(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("%s: %w", path, ErrNoDatabase)
	}
	return waitFor(ctx, path, func(ctx context.Context, path string) (*Store, error) {
		db, err := sql.Open("duckdb", "")
		if err != nil {
			return nil, err
		}
		// One connection, as the search path is a connection's. Tables are
		// found in the copy; anything made goes to the in-memory database.
		db.SetMaxOpenConns(1)
		file := "'" + strings.ReplaceAll(readPath(path), "'", "''") + "'"
		for _, q := range []string{fmt.Sprintf(attachCopySQL, file), scratchPathSQL} {
			if _, err := db.ExecContext(ctx, q); err != nil {
				db.Close()
				return nil, openErr(path, err)
			}
		}
		return &Store{DB: db, Path: path, ReadOnly: true}, nil
	})
}

type waitNoticeKey struct{}

// WaitNotice returns a context under which opening a database that another
// process is writing tells notify, once, what it is waiting for.
func WaitNotice(ctx context.Context, notify func(string)) context.Context {
	return context.WithValue(ctx, waitNoticeKey{}, notify)
}

// waitingFor says what a process kept waiting for a database waits for.
func waitingFor(path string) string {
	who := "another obs command"
	if w, ok := CurrentWriter(path); ok {
		who = fmt.Sprintf("'%s' (process %d, since %s)", w.Command, w.PID, w.Since.Local().Format("15:04:05"))
	}
	return fmt.Sprintf("%s: waiting for %s to finish writing the database (up to %s; Ctrl+C stops, changing nothing)",
		path, who, LockWait.Round(time.Second))
}
