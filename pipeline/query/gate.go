package query

import (
	"database/sql"
	"database/sql/driver"
	"errors"
	"fmt"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
)

// The read-only gate: every SQL that obs did not write itself (saved
// queries, query files, notebook cells, the web console) passes Check
// before it runs, with one rule: exactly one statement that DuckDB's parser
// calls a SELECT (WITH ... SELECT, FROM ..., DESCRIBE, SUMMARIZE and PIVOT
// are SELECTs). EXPLAIN is refused too: EXPLAIN ANALYZE runs the statement
// it explains, and a plan is no answer to an evaluator's question. The
// database is also opened read-only wherever such SQL runs; the gate makes
// the refusal say why before anything runs.

// Errors of the gate; callers branch on them with errors.Is. Every refusal
// is an ErrRefused and one of ErrWrite or ErrStatements.
var (
	ErrRefused    = errors.New("refused: a query is one SELECT statement")
	ErrWrite      = errors.New("queries only read the database")
	ErrStatements = errors.New("a query is one SELECT statement")
)

// refusal is an ErrWrite or ErrStatements with the whole sentence to show.
type refusal struct {
	kind error
	msg  string
}

func (r *refusal) Error() string   { return r.msg }
func (r *refusal) Unwrap() []error { return []error{r.kind, ErrRefused} }

func refuse(kind error, format string, a ...any) error {
	return &refusal{kind: kind, msg: fmt.Sprintf(format, a...)}
}

// Advice is what a refusal tells the evaluator to do instead; it differs
// between the command line and the web console, the rule does not.
type Advice struct {
	Write   string // ends the refusal of a statement that is not a SELECT
	Several string // ends the refusal of several statements
}

// ConsoleAdvice is the web console's.
var ConsoleAdvice = Advice{
	Write:   "The console only reads: write one SELECT statement (WITH ... SELECT, FROM ..., DESCRIBE and SUMMARIZE are fine).",
	Several: "run them one at a time",
}

// Check prepares text alone on conn, without running it, and refuses it
// unless it is exactly one SELECT statement; it returns the names of the
// statement's parameters in order. name says in a refusal which SQL it was
// (a query's name, or "the SQL"). DuckDB's other complaints about the SQL
// come back as they are (*duckdb.Error).
func Check(conn *sql.Conn, name, text string, advice Advice) ([]string, error) {
	var names []string
	err := conn.Raw(func(dc any) error {
		// Prepare, not PrepareContext: with several statements the latter
		// runs all but the last; Prepare refuses them without running any.
		st, err := dc.(driver.Conn).Prepare(text)
		if err != nil {
			return prepareRefusal(err, name, text, advice)
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
		switch typ {
		case duckdb.STATEMENT_TYPE_SELECT:
		case duckdb.STATEMENT_TYPE_EXPLAIN:
			return refuse(ErrWrite, "refused: %s is an EXPLAIN statement, and EXPLAIN ANALYZE runs what it explains. %s", name, advice.Write)
		default:
			return refuse(ErrWrite, "refused: %s is %s statement, which would change the database or reach outside it. %s", name, stmtName(typ), advice.Write)
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

// prepareRefusal is what Check returns when DuckDB would not prepare text.
func prepareRefusal(err error, name, text string, advice Advice) error {
	var de *duckdb.Error
	switch {
	case errors.As(err, &de) && de.Type == duckdb.ErrorTypeInvalidInput && strings.Contains(de.Msg, "read-only"):
		// The database is open read-only, and DuckDB says so when preparing.
		return refuse(ErrWrite, "refused: %s would change the database, which is open read-only. %s", name, advice.Write)
	case errors.As(err, &de) && de.Type == duckdb.ErrorTypePermission:
		return refuse(ErrWrite, "refused: %s reads or writes files outside the database; queries read the database's tables only.\n%s", name, de.Msg)
	case errors.As(err, &de):
		return err
	case strings.TrimSpace(text) == "":
		return refuse(ErrStatements, "%s is empty: give one SELECT statement", name)
	}
	return refuse(ErrStatements, "%s holds several statements (or none): a query is one SELECT statement; %s", name, advice.Several)
}

// stmtName is a statement type as a refusal names it.
func stmtName(t duckdb.StmtType) string {
	names := map[duckdb.StmtType]string{
		duckdb.STATEMENT_TYPE_INSERT: "an INSERT", duckdb.STATEMENT_TYPE_UPDATE: "an UPDATE",
		duckdb.STATEMENT_TYPE_DELETE: "a DELETE", duckdb.STATEMENT_TYPE_CREATE: "a CREATE",
		duckdb.STATEMENT_TYPE_DROP: "a DROP", duckdb.STATEMENT_TYPE_ALTER: "an ALTER",
		duckdb.STATEMENT_TYPE_COPY: "a COPY", duckdb.STATEMENT_TYPE_EXPORT: "an EXPORT",
		duckdb.STATEMENT_TYPE_ATTACH: "an ATTACH", duckdb.STATEMENT_TYPE_DETACH: "a DETACH",
		duckdb.STATEMENT_TYPE_SET: "a SET", duckdb.STATEMENT_TYPE_VARIABLE_SET: "a SET VARIABLE",
		duckdb.STATEMENT_TYPE_LOAD: "an INSTALL or LOAD", duckdb.STATEMENT_TYPE_EXTENSION: "an INSTALL or LOAD",
		duckdb.STATEMENT_TYPE_PRAGMA: "a PRAGMA", duckdb.STATEMENT_TYPE_CALL: "a CALL",
		duckdb.STATEMENT_TYPE_EXPLAIN: "an EXPLAIN", duckdb.STATEMENT_TYPE_TRANSACTION: "a transaction",
		duckdb.STATEMENT_TYPE_VACUUM: "a VACUUM", duckdb.STATEMENT_TYPE_ANALYZE: "an ANALYZE",
		duckdb.STATEMENT_TYPE_CREATE_FUNC: "a CREATE FUNCTION", duckdb.STATEMENT_TYPE_PREPARE: "a PREPARE",
		duckdb.STATEMENT_TYPE_EXECUTE: "an EXECUTE",
	}
	if n, ok := names[t]; ok {
		return n
	}
	return "not a SELECT"
}
