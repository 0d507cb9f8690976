// Package store owns the obs database: opening it (read-write for loads and
// results, read-only for queries), creating its tables from schemas, the
// built-in reference areas, and bulk loading Arrow record batches inside one
// transaction.
package store

import (
	"context"
	"crypto/sha256"
	"database/sql"
	"encoding/hex"
	"errors"
	"fmt"
	"io"
	"os"
	"strings"
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/duckdb/duckdb-go/v2"

	"github.com/ourbiggerstory/obs/schemas"
)

// DefaultPath is the database used when neither --db nor OBS_DB says otherwise.
const DefaultPath = "obs.duckdb"

// ErrBusy means another obs process holds the database.
var ErrBusy = errors.New("the database is in use by another obs command; wait for it to finish and try again")

// ErrNoDatabase means a read-only open found no database file.
var ErrNoDatabase = errors.New("no database yet: load returns first with 'obs ingest' (or run 'obs build')")

// Store is an open obs database.
type Store struct {
	DB       *sql.DB
	Path     string
	ReadOnly bool
	follow   *follower // set by OpenFollowing
}

// LockWait is how long Open waits for another obs process to finish
// writing the database before it gives up: two loads at once run one after
// the other. After NoticeAfter of waiting, the notice set with WaitNotice is
// told what it waits for.
var (
	LockWait    = 2 * time.Minute
	NoticeAfter = time.Second
)

// Open opens (creating if needed) the database at path for writing,
// waiting up to LockWait while another process writes it; a *BusyError then
// says which. Close it as soon as the write is done: it then makes the
// reading copy every reader opens (see share.go).
func Open(ctx context.Context, path string) (*Store, error) {
	s, err := waitFor(ctx, path, open)
	if err == nil {
		claim(path)
	}
	return s, err
}

// waitFor opens path with try, again and again while another process holds
// it, for up to LockWait.
func waitFor(ctx context.Context, path string, try func(context.Context, string) (*Store, error)) (*Store, error) {
	start := time.Now()
	told := false
	for {
		s, err := try(ctx, path)
		if !errors.Is(err, ErrBusy) {
			return s, err
		}
		waited := time.Since(start)
		if waited > LockWait {
			busy := &BusyError{Path: path, Waited: waited}
			if w, ok := CurrentWriter(path); ok {
				busy.Writer = &w
			}
			return nil, busy
		}
		if notify, ok := ctx.Value(waitNoticeKey{}).(func(string)); ok && !told && waited > NoticeAfter {
			told = true
			notify(waitingFor(path))
		}
		select {
		case <-ctx.Done():
			return nil, ctx.Err()
		case <-time.After(100 * time.Millisecond):
		}
	}
}

func open(ctx context.Context, path string) (*Store, error) {
	db, err := sql.Open("duckdb", path)
	if err != nil {
		return nil, openErr(path, err)
	}
	s := &Store{DB: db, Path: path}
	if err := s.migrate(ctx); err != nil {
		db.Close()
		return nil, openErr(path, err)
	}
	return s, nil
}

// OpenReadOnly opens an existing database for reading, with access to files
// outside it disabled: queries can read the tables and nothing else. It
// opens the database's reading copy, so it never waits for a write.
func OpenReadOnly(ctx context.Context, path string) (*Store, error) {
	if _, err := os.Stat(path); err != nil {
		return nil, fmt.Errorf("%s: %w", path, ErrNoDatabase)
	}
	return waitFor(ctx, path, openReadOnly)
}

func openReadOnly(ctx context.Context, path string) (*Store, error) {
	c, err := readConnector(readPath(path))
	if err != nil {
		return nil, openErr(path, err)
	}
	db := sql.OpenDB(c)
	if err := db.PingContext(ctx); err != nil {
		db.Close()
		return nil, openErr(path, err)
	}
	return &Store{DB: db, Path: path, ReadOnly: true}, nil
}

func openErr(path string, err error) error {
	var de *duckdb.Error
	if errors.As(err, &de) && strings.Contains(strings.ToLower(de.Msg), "lock") {
		return fmt.Errorf("%s: %w", path, ErrBusy)
	}
	return fmt.Errorf("cannot open database %s: %w", path, err)
}

// LimitMemory caps DuckDB's memory at mb megabytes; beyond it DuckDB spills
// to temporary files. Loads use it to keep a million-row sheet in bounds.
func (s *Store) LimitMemory(ctx context.Context, mb int) error {
	_, err := s.DB.ExecContext(ctx, fmt.Sprintf(memoryLimitSQL, mb))
	return err
}

// Close closes the database. A database open for writing first makes its
// reading copy, so that readers see what was written.
func (s *Store) Close() error {
	if s.ReadOnly {
		return s.DB.Close()
	}
	err := s.Publish(context.Background())
	if cerr := s.DB.Close(); err == nil {
		err = cerr
	}
	release(s.Path)
	return err
}

// migrate creates what the database lacks of the tables, views, macros and
// reference areas this obs uses. A database already made with the same
// statements says so by its schema mark, and is left as it is: most opens
// then run one query instead of a hundred statements. Otherwise every
// statement runs in one transaction (one write to disk, not one each),
// which ends by marking the database.
func (s *Store) migrate(ctx context.Context) error {
	stmts, mark := schemaStatements()
	var have sql.NullString
	if err := s.DB.QueryRowContext(ctx, schemaMarkSQL).Scan(&have); err == nil && have.String == mark {
		return nil
	}
	return s.InTx(ctx, func(tx *Tx) error {
		for _, q := range stmts {
			if _, err := tx.Exec(q); err != nil {
				return fmt.Errorf("creating tables: %w", err)
			}
		}
		var ids, names, las, regions []string
		for _, a := range schemas.OurBiggerStoryAreas {
			ids, names = append(ids, a.ID), append(names, a.Name)
			las, regions = append(las, a.LocalAuthority), append(regions, a.Region)
		}
		if _, err := tx.Exec(referenceAreaSQL, ids, names, las, regions); err != nil {
			return fmt.Errorf("adding reference areas: %w", err)
		}
		_, err := tx.Exec(fmt.Sprintf(schemaMarkSetSQL, mark))
		return err
	})
}

// schemaStatements are the statements that make an obs database, and their
// mark: "obs schema " and a hash of them and of the reference areas.
func schemaStatements() ([]string, string) {
	stmts := []string{loadSequenceSQL}
	for _, k := range schemas.Kinds() {
		stmts = append(stmts, k.DDL()...)
	}
	for _, t := range append(schemas.SystemTables, schemas.QDATables...) {
		stmts = append(stmts, t.DDL())
	}
	stmts = append(stmts, schemas.Quarantine.AddColumns()...) // period came later
	for _, t := range schemas.ResultTables {
		stmts = append(stmts, t.DDL())
	}
	stmts = append(stmts, schemas.Agreement.AddColumns()...) // p-values and intervals came later
	stmts = append(stmts, schemas.Scores.AddColumns()...)    // and goalposts
	stmts = append(stmts, schemas.Macros(false)...)
	h := sha256.New()
	for _, q := range stmts {
		fmt.Fprintf(h, "%s\x00", q)
	}
	for _, a := range schemas.OurBiggerStoryAreas {
		fmt.Fprintf(h, "%q\x00", a)
	}
	return stmts, "obs schema " + hex.EncodeToString(h.Sum(nil))
}

// Tx is one transaction on one connection: a file's rows, its quarantined
// rows and its load record commit together or not at all.
type Tx struct {
	ctx  context.Context
	Conn *sql.Conn
	n    int
}

// InTx runs fn in a transaction, committing when fn returns nil and rolling
// back otherwise (or on panic, which it re-raises).
func (s *Store) InTx(ctx context.Context, fn func(*Tx) error) (err error) {
	conn, err := s.DB.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	if _, err := conn.ExecContext(ctx, "BEGIN TRANSACTION"); err != nil {
		return err
	}
	done := false
	defer func() {
		if !done {
			conn.ExecContext(context.Background(), "ROLLBACK")
		}
	}()
	if err := fn(&Tx{ctx: ctx, Conn: conn}); err != nil {
		return err
	}
	if _, err := conn.ExecContext(ctx, "COMMIT"); err != nil {
		return err
	}
	done = true
	return nil
}

// Exec runs a statement in the transaction.
func (tx *Tx) Exec(q string, args ...any) (sql.Result, error) {
	return tx.Conn.ExecContext(tx.ctx, q, args...)
}

// QueryRow runs a one-row query in the transaction.
func (tx *Tx) QueryRow(q string, args ...any) *sql.Row {
	return tx.Conn.QueryRowContext(tx.ctx, q, args...)
}

// Append bulk-inserts the record batches into table, matching columns by
// name, in one INSERT over an Arrow stream (never one INSERT per row). The
// caller keeps its hold on the batches.
func (tx *Tx) Append(table string, schema *arrow.Schema, recs ...arrow.RecordBatch) error {
	if len(recs) == 0 || recs[0] == nil {
		return nil
	}
	s := tx.Stream(table, schema)
	defer s.Abort()
	for _, rec := range recs {
		rec.Retain() // the stream releases what it is sent
		if err := s.Send(rec); err != nil {
			return err
		}
	}
	return s.Close()
}

// FileSHA256 is the SHA-256 of a file's bytes, in hex: how a load knows a
// file it has seen, and how a pack names the database it came from.
func FileSHA256(path string) (string, error) {
	f, err := os.Open(path)
	if err != nil {
		return "", err
	}
	defer f.Close()
	h := sha256.New()
	if _, err := io.Copy(h, f); err != nil {
		return "", err
	}
	return hex.EncodeToString(h.Sum(nil)), nil
}
