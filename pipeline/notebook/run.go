package notebook

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"regexp"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/ourbiggerstory/obs/pipeline/position"
	"github.com/ourbiggerstory/obs/pipeline/query"
	"github.com/ourbiggerstory/obs/pipeline/report"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// Options are the settings of a run.
type Options struct {
	// Rows is how many rows a table shows (0: 200); charts use them all.
	Rows int
	// Fetch is the most rows a cell reads (0: 100,000).
	Fetch int
}

// Result is a notebook after its cells ran.
type Result struct {
	Notebook  *Notebook
	Cells     []CellResult      // one per Block
	Errors    []*position.Error // every mistake, in line order: parse errors first
	Synthetic bool              // the database holds synthetic areas
	Rows      int
}

// CellResult is what one block produced.
type CellResult struct {
	Table     *tabular.Table
	Truncated bool // more rows than Options.Fetch
	Figure    *report.Figure
	Err       *position.Error
}

// Failed reports whether any cell failed.
func (r *Result) Failed() bool { return len(r.Errors) > 0 }

// Run runs every cell of nb against db, which should be opened read-only.
func Run(ctx context.Context, db *sql.DB, nb *Notebook, opt Options) *Result {
	if opt.Rows <= 0 {
		opt.Rows = 200
	}
	if opt.Fetch <= 0 {
		opt.Fetch = 100000
	}
	r := &Result{Notebook: nb, Cells: make([]CellResult, len(nb.Blocks)), Rows: opt.Rows}
	r.Errors = append(r.Errors, nb.Errors...)
	var n int
	if err := db.QueryRowContext(ctx, syntheticSQL).Scan(&n); err == nil && n > 0 {
		r.Synthetic = true
	}
	results := map[string]int{} // cell name -> block index
	for i, b := range nb.Blocks {
		switch b.Kind {
		case SQL:
			r.Cells[i] = r.runSQL(ctx, db, b.Cell, opt)
			results[b.Cell.Name] = i
		case Chart:
			r.Cells[i] = r.runChart(b.Chart, results, nb.Blocks)
		}
		if e := r.Cells[i].Err; e != nil {
			r.Errors = append(r.Errors, e)
		}
	}
	return r
}

var (
	paramRE   = regexp.MustCompile(`\$([A-Za-z_][A-Za-z0-9_]*)`)
	literalRE = regexp.MustCompile(`(?s)'(?:[^']|'')*'|"(?:[^"]|"")*"|--[^\n]*|/\*.*?\*/`)
)

// usedParams are the $names in sql outside strings, quoted names and comments.
func usedParams(sql string) []string {
	seen := map[string]bool{}
	var out []string
	for _, m := range paramRE.FindAllStringSubmatch(literalRE.ReplaceAllString(sql, " "), -1) {
		if !seen[m[1]] {
			seen[m[1]] = true
			out = append(out, m[1])
		}
	}
	return out
}

func (r *Result) runSQL(ctx context.Context, db *sql.DB, c *SQLCell, opt Options) CellResult {
	nb := r.Notebook
	fail := func(line int, format string, a ...any) CellResult {
		return CellResult{Err: cellErr(nb.File, line, c.Name, fmt.Sprintf(format, a...))}
	}
	if strings.TrimSpace(c.SQL) == "" {
		return fail(c.Line, "the cell is empty: write a SELECT between the fences")
	}
	q, err := query.Parse(nb.File, c.Name, c.SQL)
	if err != nil {
		var he *position.Error
		if errors.As(err, &he) && errors.Is(err, query.ErrHeader) {
			return fail(c.Line+he.Line, "%s", he.Message())
		}
		return fail(c.Line, "%v", err)
	}
	q.Name = c.Name
	declared := map[string]query.Param{}
	for _, p := range q.Params {
		declared[p.Name] = p
	}
	values := map[string]string{}
	for _, p := range nb.Params {
		values[p.Name] = p.Value
	}
	given := map[string]string{}
	for _, name := range usedParams(c.SQL) {
		v, ok := values[name]
		if ok {
			given[name] = v
			continue
		}
		if p, ok := declared[name]; ok && !p.Required {
			continue // the cell's header gives a default
		}
		return fail(c.Line, "uses $%s, which has no value: add it to the front matter (params:, then an indented line %s: VALUE) or give --param %s=VALUE",
			name, name, name)
	}
	t, truncated, err := query.Table(ctx, db, q, given, opt.Fetch)
	if err != nil {
		var se *query.SQLError
		if errors.As(err, &se) {
			return fail(c.Line, "the SQL failed: %s", cleanDuckDB(se.Err))
		}
		return fail(c.Line, "%v", err)
	}
	return CellResult{Table: t, Truncated: truncated}
}

// duckKinds are the DuckDB errors whose kind a notebook names in lower case.
var duckKinds = map[duckdb.ErrorType]string{
	duckdb.ErrorTypeBinder: "binder", duckdb.ErrorTypeParser: "parser",
	duckdb.ErrorTypeCatalog: "catalog", duckdb.ErrorTypeConversion: "conversion",
}

// cleanDuckDB words a DuckDB error for the notebook: "binder error: ...".
func cleanDuckDB(err error) string {
	var de *duckdb.Error
	if !errors.As(err, &de) {
		return err.Error()
	}
	kind, ok := duckKinds[de.Type]
	if !ok {
		return err.Error()
	}
	// DuckDB's message starts with its kind ("Binder Error: "), in its words.
	_, msg, _ := strings.Cut(de.Msg, " Error: ")
	return kind + " error: " + msg
}

func (r *Result) runChart(c *ChartCell, results map[string]int, blocks []Block) CellResult {
	nb := r.Notebook
	fail := func(line int, format string, a ...any) CellResult {
		return CellResult{Err: cellErr(nb.File, line, "chart", fmt.Sprintf(format, a...))}
	}
	at := func(key string) int {
		if l, ok := c.KeyLines[key]; ok {
			return l
		}
		return c.Line
	}
	if c.Type == "" {
		return fail(c.Line, "says no type: add type: %s", strings.Join(ChartTypes, ", "))
	}
	known := false
	for _, t := range ChartTypes {
		known = known || t == c.Type
	}
	if !known {
		return fail(at("type"), "unknown type %q: choose %s", c.Type, strings.Join(ChartTypes, ", "))
	}
	from := c.From
	if from == "" {
		for _, b := range blocks {
			if b.Kind == SQL && b.Line < c.Line {
				from = b.Cell.Name
			}
		}
		if from == "" {
			return fail(c.Line, "has nothing to plot: put a sql cell above it, or name one with from: CELL")
		}
	}
	i, ok := results[from]
	if !ok {
		var names []string
		for n := range results {
			names = append(names, n)
		}
		if len(names) == 0 {
			return fail(at("from"), "from: %s: there is no sql cell of that name above this chart", from)
		}
		return fail(at("from"), "from: %s: there is no sql cell of that name above this chart (cells above: %s)", from, strings.Join(sortedCopy(names), ", "))
	}
	src := r.Cells[i]
	if src.Err != nil {
		return fail(c.Line, "cell %s failed (line %d), so there is nothing to plot", from, src.Err.Line)
	}
	fig, err := buildChart(c, src.Table, r.Notebook.Params)
	if err != nil {
		var ce *chartErr
		if errors.As(err, &ce) {
			return fail(at(ce.key), "%s", ce.msg)
		}
		return fail(c.Line, "%v", err)
	}
	return CellResult{Figure: fig}
}
