package store

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"os"
	"sync"
	"syscall"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/ourbiggerstory/obs/schemas"
)

// readConnector opens a file read-only with access to files outside it
// disabled and that setting locked, so queries can read the tables and
// nothing else. Every connection gets the macros as TEMP macros, so that a
// database made before a macro existed reads as a new one does.
func readConnector(file string) (*duckdb.Connector, error) {
	dsn := file + "?access_mode=read_only&enable_external_access=false&lock_configuration=true"
	return duckdb.NewConnector(dsn, func(ex driver.ExecerContext) error {
		for _, q := range schemas.Macros(true) {
			if _, err := ex.ExecContext(context.Background(), q, nil); err != nil {
				return fmt.Errorf("creating the SQL macros: %w", err)
			}
		}
		return nil
	})
}

// OpenFollowing opens a database for reading, as OpenReadOnly does, on a
// handle that follows its reading copy: every query runs on the copy as the
// last finished write left it, so a reader that stays open for long (the web
// server) sees what other processes write without reopening anything.
// Changed says when that happened.
func OpenFollowing(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("%s: %w", path, ErrNoDatabase)
	}
	f := &follower{path: path}
	db := sql.OpenDB(f)
	// No idle connections: each query takes a new one, on the newest copy.
	db.SetMaxIdleConns(0)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, openErr(path, err)
	}
	f.Changed() // what is read now is the starting point
	return &Store{DB: db, Path: path, ReadOnly: true, follow: f}, nil
}

// Changed reports, for a store opened with OpenFollowing, whether another
// write has finished since the last call.
func (s *Store) Changed() bool {
	return s.follow != nil && s.follow.Changed()
}

// follower is a database/sql connector that connects to the newest reading
// copy. The copy is replaced by rename, so a file's identity (device, inode)
// says which copy is which; DuckDB keeps the file it opened, so queries under
// way finish on the copy they started on.
type follower struct {
	path string
	mu   sync.Mutex
	cur  *duckdb.Connector
	id   fileID // the file cur has open
	seen fileID // what Changed last reported
}

type fileID struct{ dev, ino uint64 }

func identity(path string) fileID {
	st, err := os.Stat(path)
	if err != nil {
		return fileID{}
	}
	if sys, ok := st.Sys().(*syscall.Stat_t); ok {
		return fileID{uint64(sys.Dev), uint64(sys.Ino)}
	}
	return fileID{}
}

func (f *follower) Connect(ctx context.Context) (driver.Conn, error) {
	f.mu.Lock()
	defer f.mu.Unlock()
	file := readPath(f.path)
	id := identity(file)
	if f.cur == nil || id != f.id {
		// Closing the old connector first lets DuckDB open the new file under
		// the same name; connections still on the old one keep it open.
		if f.cur != nil {
			f.cur.Close()
			f.cur = nil
		}
		c, err := readConnector(file)
		if err != nil {
			return nil, err
		}
		f.cur, f.id = c, id
	}
	return f.cur.Connect(ctx)
}

func (f *follower) Driver() driver.Driver { return duckdb.Driver{} }

// Changed reports whether the reading copy is another file than when last
// asked.
func (f *follower) Changed() bool {
	id := identity(readPath(f.path))
	f.mu.Lock()
	defer f.mu.Unlock()
	changed := id != f.seen
	f.seen = id
	return changed
}

// Close closes the newest copy's connector (database/sql closes the rest).
func (f *follower) Close() error {
	f.mu.Lock()
	defer f.mu.Unlock()
	if f.cur != nil {
		f.cur.Close()
		f.cur = nil
	}
	return nil
}
