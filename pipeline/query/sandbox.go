package query

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// The SQL console and the saved queries run in a sandbox: a separate DuckDB
// instance, opened read-only on a snapshot of the database, so that nothing
// typed into the console can reach the read-write database the server
// loads returns into. DuckDB settings such as enable_external_access are
// instance-wide, and a second, read-only handle on the same file cannot be
// opened in the process that holds it read-write ("different configuration
// than existing connections"), hence the copy. Layers, each enough alone for
// most attacks:
//
//  1. the snapshot instance is opened with access_mode=read_only,
//     enable_external_access=false (no files, no ATTACH, no COPY, no
//     INSTALL/LOAD), extension autoloading off, a memory limit, few threads
//     and lock_configuration=true, so SET cannot undo any of it;
//  2. every statement passes the read-only gate (Check) first: prepared
//     alone, and refused unless DuckDB's parser calls it a SELECT: no
//     PRAGMA, SET, CREATE TEMP, CALL, EXPLAIN ANALYZE of a write...;
//  3. each query runs under a time limit (context cancel, which the driver
//     turns into a DuckDB interrupt) and a row limit, with few queries at
//     once; the console's queries run in a child process (Console) with
//     an OS memory and CPU limit, killed at the time limit, and with their
//     own limit of queries at once, apart from the saved queries';
//  4. the snapshot is a throwaway copy in a private folder: even a way past
//     1 and 2 could only change the copy, which the next refresh replaces.

// Errors the sandbox returns; callers branch on them with errors.Is.
var (
	ErrTimeLimit = errors.New("the query ran past the time limit and was stopped; narrow it (WHERE, LIMIT) or aggregate first")
	ErrMemory    = errors.New("the query needed more memory than the console allows; narrow it (WHERE, LIMIT) or aggregate first")
	ErrBusy      = errors.New("too many queries are running; try again in a moment")
	ErrTooLarge  = errors.New("the result is larger than the console gives; narrow it (WHERE, LIMIT, fewer or shorter columns) or aggregate first")
	ErrClosed    = errors.New("the query sandbox is closed")
)

// SandboxOptions are the limits of the sandbox.
type SandboxOptions struct {
	Dir        string        // private folder for snapshots (created 0700); a temporary one when ""
	MaxMemory  string        // DuckDB max_memory of the sandbox instance, e.g. "256MB"
	Threads    int           // DuckDB threads of the sandbox instance
	TimeLimit  time.Duration // longest a query may run
	Concurrent int           // saved queries at once (in this process)
	// The console's queries run in child processes (Console), at most
	// ConsoleConcurrent at once, each within ProcessMemory bytes of address
	// space; a page shows at most PageBytes of cell text and a download
	// holds at most DownloadBytes. Command starts the child: obs itself
	// with ChildArg unless set.
	ConsoleConcurrent        int
	ProcessMemory            int64
	PageBytes, DownloadBytes int64
	Command                  []string
}

func (o SandboxOptions) withDefaults() SandboxOptions {
	if o.MaxMemory == "" {
		o.MaxMemory = "256MB"
	}
	if o.Threads <= 0 {
		o.Threads = 1
	}
	if o.TimeLimit <= 0 {
		o.TimeLimit = 10 * time.Second
	}
	if o.Concurrent <= 0 {
		o.Concurrent = 4
	}
	if o.ConsoleConcurrent <= 0 {
		o.ConsoleConcurrent = 2
	}
	if o.ProcessMemory <= 0 {
		o.ProcessMemory = DefaultProcessMemory
	}
	if o.PageBytes <= 0 {
		o.PageBytes = 2 << 20
	}
	if o.DownloadBytes <= 0 {
		o.DownloadBytes = 32 << 20
	}
	if len(o.Command) == 0 {
		exe, err := os.Executable()
		if err != nil {
			exe = os.Args[0]
		}
		o.Command = []string{exe, ChildArg}
	}
	return o
}

// DefaultProcessMemory is the memory a console query's process may write
// (RLIMIT_DATA): DuckDB's own limit and its threads, and Go's runtime.
const DefaultProcessMemory = 512 << 20

// Sandbox runs read-only SQL on a locked-down copy of the database.
type Sandbox struct {
	opt     SandboxOptions
	ownDir  bool
	sem     chan struct{} // saved queries
	console chan struct{} // console queries
	mu      sync.Mutex
	cur     *snapshot
	gen     int
	closed  bool
	retired sync.WaitGroup
}

// snapshot is one copy and the DuckDB instance open on it. Queries hold
// inUse for reading while they run; retiring takes it for writing.
type snapshot struct {
	db    *sql.DB
	path  string
	inUse sync.RWMutex
}

// NewSandbox makes a sandbox; Refresh gives it its first snapshot.
func NewSandbox(opt SandboxOptions) (*Sandbox, error) {
	opt = opt.withDefaults()
	s := &Sandbox{opt: opt, sem: make(chan struct{}, opt.Concurrent), console: make(chan struct{}, opt.ConsoleConcurrent)}
	if opt.Dir == "" {
		d, err := os.MkdirTemp("", "obs-console-")
		if err != nil {
			return nil, err
		}
		s.opt.Dir, s.ownDir = d, true
	} else if err := os.MkdirAll(opt.Dir, 0o700); err != nil {
		return nil, err
	}
	return s, os.Chmod(s.opt.Dir, 0o700)
}

// TimeLimit is the longest a query may run.
func (s *Sandbox) TimeLimit() time.Duration { return s.opt.TimeLimit }

// DownloadBytes is the most a download holds.
func (s *Sandbox) DownloadBytes() int64 { return s.opt.DownloadBytes }

// Refresh copies the database file src (a database's reading copy, which
// is never changed in place) into a new snapshot and switches queries to it.
func (s *Sandbox) Refresh(ctx context.Context, src string) error {
	s.mu.Lock()
	if s.closed {
		s.mu.Unlock()
		return ErrClosed
	}
	s.gen++
	gen := s.gen
	s.mu.Unlock()
	path := filepath.Join(s.opt.Dir, fmt.Sprintf("snapshot-%d.duckdb", gen))
	if err := copyDatabase(src, path); err != nil {
		os.Remove(path)
		return fmt.Errorf("copying the database for the console: %w", err)
	}
	db, err := openLocked(ctx, path, s.opt)
	if err != nil {
		os.Remove(path)
		return err
	}
	snap := &snapshot{db: db, path: path}
	s.mu.Lock()
	old := s.cur
	s.cur = snap
	s.mu.Unlock()
	s.retire(old)
	return nil
}

func (s *Sandbox) retire(old *snapshot) {
	if old == nil {
		return
	}
	s.retired.Add(1)
	go func() {
		defer s.retired.Done()
		old.inUse.Lock() // waits for the queries still running on it
		old.db.Close()
		os.Remove(old.path)
		os.Remove(old.path + ".wal")
	}()
}

// Close closes the sandbox and removes its snapshots.
func (s *Sandbox) Close() error {
	s.mu.Lock()
	s.closed = true
	old := s.cur
	s.cur = nil
	s.mu.Unlock()
	s.retire(old)
	s.retired.Wait()
	if s.ownDir {
		return os.RemoveAll(s.opt.Dir)
	}
	return nil
}

// Do runs fn with the current snapshot's database under the sandbox's time
// and concurrency limits, and turns DuckDB's interrupts and memory errors
// into ErrTimeLimit and ErrMemory. fn must check what it runs (Check)
// unless it runs only the server's own SQL.
func (s *Sandbox) Do(ctx context.Context, fn func(context.Context, *sql.DB) error) error {
	return s.DoWithin(ctx, 0, fn)
}

// DoWithin is Do with a shorter time limit (0, or more than the sandbox's:
// the sandbox's).
func (s *Sandbox) DoWithin(ctx context.Context, within time.Duration, fn func(context.Context, *sql.DB) error) error {
	if within <= 0 || within > s.opt.TimeLimit {
		within = s.opt.TimeLimit
	}
	select {
	case s.sem <- struct{}{}:
		defer func() { <-s.sem }()
	case <-ctx.Done():
		return ErrBusy
	case <-time.After(s.opt.TimeLimit):
		return ErrBusy
	}
	snap, err := s.hold()
	if err != nil {
		return err
	}
	defer snap.inUse.RUnlock()
	ctx, cancel := context.WithTimeout(ctx, within)
	defer cancel()
	err = fn(ctx, snap.db)
	var de *duckdb.Error
	switch {
	case err == nil:
		return nil
	case errors.Is(err, context.DeadlineExceeded), errors.As(err, &de) && de.Type == duckdb.ErrorTypeInterrupt:
		if !errors.Is(ctx.Err(), context.DeadlineExceeded) {
			return err // cancelled for another reason: the browser went away
		}
		return fmt.Errorf("%w (%s)", ErrTimeLimit, within)
	case errors.As(err, &de) && de.Type == duckdb.ErrorTypeOutOfMemory:
		return fmt.Errorf("%w (%s)", ErrMemory, s.opt.MaxMemory)
	}
	return err
}

// hold is the current snapshot, held in use (the caller releases it with
// inUse.RUnlock) so that a refresh does not remove it meanwhile; ErrClosed
// when the sandbox is closed.
func (s *Sandbox) hold() (*snapshot, error) {
	s.mu.Lock()
	defer s.mu.Unlock()
	if s.cur == nil {
		return nil, ErrClosed
	}
	s.cur.inUse.RLock()
	return s.cur, nil
}
