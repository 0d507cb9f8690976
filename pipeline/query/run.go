package query

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// ErrWrite is returned for SQL that would change the database, or reach
// files outside it: queries only read the database's tables.
var ErrWrite = errors.New("queries only read the database")

// ErrStatements is returned for SQL holding no statement, or several.
var ErrStatements = errors.New("a query is one SELECT statement")

// refusal is an ErrWrite or ErrStatements with the whole sentence to show.
type refusal struct {
	kind error
	msg  string
}

func (r *refusal) Error() string { return r.msg }
func (r *refusal) Unwrap() error { return r.kind }

func refuse(kind error, format string, a ...any) error {
	return &refusal{kind: kind, msg: fmt.Sprintf(format, a...)}
}

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

// Args checks that q is one statement that only reads, and returns its
// arguments bound from given and the header's defaults.
func Args(ctx context.Context, db *sql.DB, q *Query, given map[string]string) ([]any, error) {
	used, err := check(ctx, db, q)
	if err != nil {
		return nil, err
	}
	return bind(ctx, db, q, used, given)
}

// readOnly are the statements a query may be.
var readOnly = map[duckdb.StmtType]bool{
	duckdb.STATEMENT_TYPE_SELECT:  true,
	duckdb.STATEMENT_TYPE_EXPLAIN: true,
}

// check prepares q's SQL without running it, refuses anything but one
// reading statement, and returns the names of its parameters in order.
func check(ctx context.Context, db *sql.DB, q *Query) ([]string, error) {
	conn, err := db.Conn(ctx)
	if err != nil {
		return nil, err
	}
	defer conn.Close()
	var names []string
	err = conn.Raw(func(dc any) error {
		// Prepare, not PrepareContext: with several statements the latter
		// runs all but the last.
		st, err := dc.(driver.Conn).Prepare(q.SQL)
		if err != nil {
			var de *duckdb.Error
			switch {
			case errors.As(err, &de) && isReadOnlyRefusal(de):
				return refuse(ErrWrite, "refused: %s would change the database. %s", q.Name, writeAdvice)
			case errors.As(err, &de) && de.Type == duckdb.ErrorTypePermission:
				return refuse(ErrWrite, "refused: %s reads or writes files outside the database; queries read the database's tables only.\n%s", q.Name, de.Msg)
			case errors.As(err, &de):
				return &SQLError{Query: q.Name, Err: err}
			case strings.TrimSpace(q.SQL) == "":
				return refuse(ErrStatements, "%s is empty: give one SELECT statement", q.Name)
			}
			return refuse(ErrStatements, "%s holds several statements (or none): a query is one SELECT statement; put separate queries in separate files", q.Name)
		}
		defer st.Close()
		ds, ok := st.(*duckdb.Stmt)
		if !ok {
			return fmt.Errorf("not a DuckDB statement")
		}
		typ, err := ds.StatementType()
		if err != nil {
			return err
		}
		if !readOnly[typ] {
			return refuse(ErrWrite, "refused: %s is %s statement, which would change the database or reach outside it. %s", q.Name, stmtName(typ), writeAdvice)
		}
		for i := 1; i <= ds.NumInput(); i++ {
			n, err := ds.ParamName(i)
			if err != nil {
				return err
			}
			names = append(names, n)
		}
		return nil
	})
	return names, err
}

const writeAdvice = "Queries only read (SELECT); figures change by loading a corrected return with 'obs ingest', results by running 'obs score' and 'obs classify'."

// isReadOnlyRefusal reports whether DuckDB refused a statement because the
// database is open read-only (it may say so when preparing).
func isReadOnlyRefusal(e *duckdb.Error) bool {
	return e.Type == duckdb.ErrorTypeInvalidInput && strings.Contains(e.Msg, "read-only")
}

func stmtName(t duckdb.StmtType) string {
	names := map[duckdb.StmtType]string{
		duckdb.STATEMENT_TYPE_INSERT: "an INSERT", duckdb.STATEMENT_TYPE_UPDATE: "an UPDATE",
		duckdb.STATEMENT_TYPE_DELETE: "a DELETE", duckdb.STATEMENT_TYPE_CREATE: "a CREATE",
		duckdb.STATEMENT_TYPE_DROP: "a DROP", duckdb.STATEMENT_TYPE_ALTER: "an ALTER",
		duckdb.STATEMENT_TYPE_COPY: "a COPY", duckdb.STATEMENT_TYPE_ATTACH: "an ATTACH",
		duckdb.STATEMENT_TYPE_DETACH: "a DETACH", duckdb.STATEMENT_TYPE_SET: "a SET",
		duckdb.STATEMENT_TYPE_VARIABLE_SET: "a SET VARIABLE", duckdb.STATEMENT_TYPE_LOAD: "a LOAD",
		duckdb.STATEMENT_TYPE_EXPORT: "an EXPORT", duckdb.STATEMENT_TYPE_PRAGMA: "a PRAGMA",
		duckdb.STATEMENT_TYPE_TRANSACTION: "a transaction", duckdb.STATEMENT_TYPE_CALL: "a CALL",
		duckdb.STATEMENT_TYPE_VACUUM: "a VACUUM", duckdb.STATEMENT_TYPE_EXTENSION: "an extension",
		duckdb.STATEMENT_TYPE_CREATE_FUNC: "a CREATE FUNCTION", duckdb.STATEMENT_TYPE_PREPARE: "a PREPARE",
		duckdb.STATEMENT_TYPE_EXECUTE: "an EXECUTE", duckdb.STATEMENT_TYPE_ANALYZE: "an ANALYZE",
	}
	if n, ok := names[t]; ok {
		return n
	}
	return "not a SELECT"
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
