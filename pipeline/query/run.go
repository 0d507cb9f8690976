package query

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// SQLError is DuckDB's complaint about a query's SQL.
type SQLError struct {
	Query string
	Err   error
}

func (e *SQLError) Error() string { return fmt.Sprintf("%s: %v", e.Query, e.Err) }
func (e *SQLError) Unwrap() error { return e.Err }

// Write runs q with the --param values given and writes its result to w in
// format (see tabular.Formats). db should be a read-only store; the
// statement is also checked to be a SELECT before it runs.
func Write(ctx context.Context, db *sql.DB, q *Query, given map[string]string, w io.Writer, format string) error {
	args, err := Args(ctx, db, q, given)
	if err != nil {
		return err
	}
	if err := tabular.WriteQuery(ctx, db, q.SQL, args, w, format); err != nil {
		var de *duckdb.Error
		if errors.As(err, &de) {
			return &SQLError{Query: q.Name, Err: err}
		}
		return err
	}
	return nil
}

// Table runs q and returns its result (at most limit rows; 0: all), for
// callers that lay it out themselves (the web interface, packs).
func Table(ctx context.Context, db *sql.DB, q *Query, given map[string]string, limit int) (*tabular.Table, bool, error) {
	args, err := Args(ctx, db, q, given)
	if err != nil {
		return nil, false, err
	}
	rows, err := db.QueryContext(ctx, q.SQL, args...)
	if err != nil {
		return nil, false, &SQLError{Query: q.Name, Err: err}
	}
	return tabular.FromRows(rows, limit)
}

// TableWithin is Table that also stops once the cells' text passes
// maxBytes (cut): what a download holds.
func TableWithin(ctx context.Context, db *sql.DB, q *Query, given map[string]string, limit int, maxBytes int64) (t *tabular.Table, trunc, cut bool, err error) {
	args, err := Args(ctx, db, q, given)
	if err != nil {
		return nil, false, false, err
	}
	rows, err := db.QueryContext(ctx, q.SQL, args...)
	if err != nil {
		return nil, false, false, &SQLError{Query: q.Name, Err: err}
	}
	return readCapped(rows, limit, maxBytes)
}

// Args checks that q is one statement that only reads, and returns its
// arguments bound from given and the header's defaults.
func Args(ctx context.Context, db *sql.DB, q *Query, given map[string]string) ([]any, error) {
	used, err := check(ctx, db, q)
	if err != nil {
		return nil, err
	}
	return bind(ctx, db, q, used, given)
}

// check prepares q's SQL without running it, refuses anything but one
// SELECT statement (see Check), and returns the names of its parameters in
// order.
func check(ctx context.Context, db *sql.DB, q *Query) ([]string, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	names, err := Check(conn, q.Name, q.SQL, queryAdvice)
	var de *duckdb.Error
	if errors.As(err, &de) {
		return nil, &SQLError{Query: q.Name, Err: err}
	}
	return names, err
}

// queryAdvice is the advice of refusals of saved queries, query files and
// notebook cells.
var queryAdvice = Advice{
	Write:   "Queries only read (SELECT); figures change by loading a corrected return with 'obs ingest', results by running 'obs score' and 'obs classify'.",
	Several: "put separate queries in separate files",
}

// RunSaved runs the saved query called name and returns at most limit rows
// (0: all), with whether there were more: for the web interface.
func RunSaved(ctx context.Context, db *sql.DB, name string, given map[string]string, limit int) (*tabular.Table, bool, error) {
	q, err := Find(name)
	if err != nil {
		return nil, false, err
	}
	return Table(ctx, db, q, given, limit)
}
