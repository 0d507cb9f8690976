package analysis

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"math"
	"os"
	"path"
	"path/filepath"
	"regexp"
	"sort"
	"strconv"
	"strings"

	"github.com/duckdb/duckdb-go/v2"

	"github.com/ourbiggerstory/obs/pipeline/position"
	"github.com/ourbiggerstory/obs/queries"
	"github.com/ourbiggerstory/obs/schemas"
)

// ResidentDefs are the ids of the resident definitions (schemas.ResidentDefs).
var ResidentDefs = schemas.ResidentDefIDs()

// Composite is the name of the composite definition, "all of the above".
const Composite = "all"

// Definition is one definition of "resident-led": a SQL file with a header.
type Definition struct {
	Name        string // id, e.g. turnout
	Label       string // for people
	Unit        string // what the value is measured in
	Direction   string // higher or lower: which way is more resident-led
	ResidentDef bool   // run once per resident definition, with $resident_def
	Base        string // what the base figure is
	Short       string // a column head of 8 characters at most (-- short:, else from the name)
	Order       int    // position in tables (-- order:, else after the others)
	Doc         string // the header's other comment lines
	File        string // where it was read from, for messages
	SQL         string // the whole file
}

// Lower reports whether a lower value is more resident-led.
func (d *Definition) Lower() bool { return d.Direction == "lower" }

// Helper is a SQL file of helpers (macros, views) run before the definitions.
type Helper struct {
	File, SQL string
}

// Definitions is the set of definitions and helpers 'obs score' runs.
type Definitions struct {
	Defs    []*Definition
	Helpers []*Helper
}

// Names lists the definitions' names in table order.
func (s *Definitions) Names() []string {
	out := make([]string, len(s.Defs))
	for i, d := range s.Defs {
		out[i] = d.Name
	}
	return out
}

// ByName returns the definition of that name, or nil.
func (s *Definitions) ByName(name string) *Definition {
	for _, d := range s.Defs {
		if d.Name == name {
			return d
		}
	}
	return nil
}

var nameRE = regexp.MustCompile(`^[a-z][a-z0-9_]*$`)

// LoadDefinitions reads the definitions and helpers in the embedded folder
// and then, when dir is not empty, in that folder: a file there with the name
// of an embedded one replaces it, any other adds to them.
func LoadDefinitions(embedded fs.FS, dir string) (*Definitions, error) {
	files := map[string][2]string{} // base name -> (shown name, text)
	ents, err := fs.ReadDir(embedded, ".")
	if err != nil {
		return nil, err
	}
	for _, e := range ents {
		if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
			continue
		}
		b, err := fs.ReadFile(embedded, e.Name())
		if err != nil {
			return nil, err
		}
		files[e.Name()] = [2]string{path.Join("queries/definitions", e.Name()), string(b)}
	}
	if dir != "" {
		ents, err := os.ReadDir(dir)
		if err != nil {
			return nil, fmt.Errorf("cannot read the definitions folder %s: %w", dir, err)
		}
		for _, e := range ents {
			if e.IsDir() || !strings.HasSuffix(e.Name(), ".sql") {
				continue
			}
			p := filepath.Join(dir, e.Name())
			b, err := os.ReadFile(p)
			if err != nil {
				return nil, fmt.Errorf("cannot read %s: %w", p, err)
			}
			files[e.Name()] = [2]string{p, string(b)}
		}
	}
	names := make([]string, 0, len(files))
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	set := &Definitions{}
	seen := map[string]string{}
	for _, n := range names {
		file, text := files[n][0], files[n][1]
		if strings.HasPrefix(n, "_") {
			set.Helpers = append(set.Helpers, &Helper{File: file, SQL: text})
			continue
		}
		d, err := ParseDefinition(file, text)
		if err != nil {
			return nil, err
		}
		if other, ok := seen[d.Name]; ok {
			return nil, inputErr(ErrDefinition, file, 1, "the definition %q is also in %s: give one of them another -- name:", d.Name, other)
		}
		seen[d.Name] = file
		set.Defs = append(set.Defs, d)
	}
	if len(set.Defs) == 0 {
		return nil, fmt.Errorf("no definitions found")
	}
	sort.SliceStable(set.Defs, func(i, j int) bool { return set.Defs[i].Order < set.Defs[j].Order })
	return set, nil
}

const headerHelp = "every definition starts with comment lines -- name:, -- label:, -- unit:, -- direction: higher|lower, -- resident_def: yes|no and -- base: (and may give -- short: and -- order:)"

// ParseDefinition reads a definition's header.
func ParseDefinition(file, text string) (*Definition, error) {
	d := &Definition{File: file, SQL: text, Order: math.MaxInt32}
	found := map[string]int{}
	header, doc := queries.Header(text, isHeaderKey)
	for _, h := range header {
		line, key, val := h.Line, h.Key, h.Value
		if _, dup := found[key]; dup {
			return nil, inputErr(ErrDefinition, file, line, "the header gives -- %s: twice", key)
		}
		found[key] = line
		switch key {
		case "name":
			if !nameRE.MatchString(val) || val == Composite {
				return nil, badInput(ErrDefinition, file, line, "", val, fmt.Sprintf("-- name: %q must be lower case letters, digits and _ (and not %q, the composite)", val, Composite), nil)
			}
			d.Name = val
		case "label":
			d.Label = val
		case "unit":
			d.Unit = val
		case "base":
			d.Base = val
		case "direction":
			v := strings.ToLower(val)
			if v != "higher" && v != "lower" {
				return nil, badInput(ErrDefinition, file, line, "", val, fmt.Sprintf("-- direction: must be higher or lower (which way is more resident-led), not %q", val), nil)
			}
			d.Direction = v
		case "resident_def":
			switch strings.ToLower(val) {
			case "yes", "y", "true":
				d.ResidentDef = true
			case "no", "n", "false":
			default:
				return nil, badInput(ErrDefinition, file, line, "", val, fmt.Sprintf("-- resident_def: must be yes or no, not %q", val), nil)
			}
		case "short":
			if val == "" || len([]rune(val)) > 8 {
				return nil, badInput(ErrDefinition, file, line, "", val, fmt.Sprintf("-- short: is a column head of 1 to 8 characters, not %q", val), nil)
			}
			d.Short = val
		case "order":
			n, err := strconv.Atoi(val)
			if err != nil {
				return nil, badInput(ErrDefinition, file, line, "", val, fmt.Sprintf("-- order: must be a whole number, not %q", val), nil)
			}
			d.Order = n
		}
	}
	for _, k := range []string{"name", "label", "unit", "direction", "resident_def", "base"} {
		if _, ok := found[k]; !ok {
			return nil, inputErr(ErrDefinition, file, 1, "the header has no -- %s: line; %s", k, headerHelp)
		}
	}
	uses := strings.Contains(text, "$resident_def")
	if d.ResidentDef && !uses {
		return nil, inputErr(ErrDefinition, file, found["resident_def"], "the header says resident_def: yes but the SQL never uses $resident_def")
	}
	if !d.ResidentDef && uses {
		return nil, inputErr(ErrDefinition, file, found["resident_def"], "the SQL uses $resident_def but the header says resident_def: no")
	}
	d.Doc = strings.Join(doc, " ")
	if d.Short == "" {
		d.Short = d.Name
		if len(d.Short) > 8 {
			d.Short = d.Short[:8]
		}
	}
	return d, nil
}

func isHeaderKey(k string) bool {
	switch k {
	case "name", "label", "unit", "direction", "resident_def", "base", "short", "order":
		return true
	}
	return false
}

// Figure is one definition's result for one area and period.
type Figure struct {
	Area   string
	Period int
	Value  float64 // NaN when missing
	Base   float64 // NaN when missing
	Reason string  // why Value is missing
	Note   string
}

// figureColumns are the columns a definition returns; the first three are required.
var figureColumns = []string{"area_id", "period", "value", "base", "missing_reason", "note"}

// body strips trailing semicolons and blanks so the SQL can be wrapped.
func body(sqlText string) string {
	return strings.TrimRight(sqlText, " \t\r\n;")
}

// runFigureQuery runs a definition-like SQL file (returning area_id, period,
// value and optionally base, missing_reason, note) and reads its rows.
// kind is the error kind to report; line0 is added to DuckDB's line numbers
// (the lines before the SQL in file).
func runFigureQuery(ctx context.Context, conn *sql.Conn, kind error, file string, line0 int, text string, args ...any) ([]Figure, error) {
	q := body(text)
	start := line0 + firstSQLLine(text)
	probe, err := conn.QueryContext(ctx, "SELECT * FROM ("+q+"\n) AS obs_def LIMIT 0", args...)
	if err != nil {
		return nil, sqlErr(kind, file, line0, err)
	}
	cols, err := probe.Columns()
	probe.Close()
	if err != nil {
		return nil, sqlErr(kind, file, line0, err)
	}
	have := map[string]bool{}
	for _, c := range cols {
		have[strings.ToLower(c)] = true
	}
	sel := make([]string, len(figureColumns))
	for i, c := range figureColumns {
		switch {
		case have[c] && i == 1:
			sel[i] = "CAST(period AS INTEGER)"
		case have[c] && (c == "value" || c == "base"):
			sel[i] = fmt.Sprintf("CAST(%s AS DOUBLE)", c)
		case have[c]:
			sel[i] = fmt.Sprintf("CAST(%s AS VARCHAR)", c)
		case i < 3:
			return nil, badInput(kind, file, start, c, "", fmt.Sprintf("the query's result lacks a column; it must return the columns area_id, period and value (and may return base, missing_reason, note), and it returns %s", strings.Join(cols, ", ")), nil)
		default:
			sel[i] = "NULL"
		}
	}
	rows, err := conn.QueryContext(ctx, "SELECT "+strings.Join(sel, ", ")+" FROM ("+q+"\n) AS obs_def", args...)
	if err != nil {
		return nil, sqlErr(kind, file, line0, err)
	}
	defer rows.Close()
	var out []Figure
	seen := map[[2]any]bool{}
	for rows.Next() {
		var area, reason, note sql.NullString
		var period sql.NullInt64
		var value, base sql.NullFloat64
		if err := rows.Scan(&area, &period, &value, &base, &reason, &note); err != nil {
			return nil, sqlErr(kind, file, line0, err)
		}
		if !area.Valid || !period.Valid {
			continue // rows of returns with no period: nothing to compare them with
		}
		k := [2]any{area.String, period.Int64}
		if seen[k] {
			return nil, inputErr(kind, file, start, "the query returns more than one row for area %s, period %s: group by area_id, period", area.String, schemas.Period(int(period.Int64)).String())
		}
		seen[k] = true
		f := Figure{Area: area.String, Period: int(period.Int64), Value: math.NaN(), Base: math.NaN(), Reason: reason.String, Note: note.String}
		if value.Valid && !math.IsNaN(value.Float64) && !math.IsInf(value.Float64, 0) {
			f.Value = value.Float64
		} else if f.Reason == "" {
			f.Reason = "not computed (the definition gives no reason)"
		}
		if base.Valid {
			f.Base = base.Float64
		}
		out = append(out, f)
	}
	if err := rows.Err(); err != nil {
		return nil, sqlErr(kind, file, line0, err)
	}
	return out, nil
}

// firstSQLLine is the line of text where the SQL starts, after the comments.
func firstSQLLine(text string) int {
	for i, l := range strings.Split(text, "\n") {
		l = strings.TrimSpace(l)
		if l != "" && !strings.HasPrefix(l, "--") {
			return i + 1
		}
	}
	return 1
}

var duckLineRE = regexp.MustCompile(`LINE (\d+):`)

// sqlErr turns a DuckDB error on a file's SQL into bad input at the line
// DuckDB points to (or the file's first line).
func sqlErr(kind error, file string, line0 int, err error) error {
	why := &reason{msg: "the SQL does not run", err: err}
	ie := &position.Error{File: file, Line: line0 + 1, Kind: kind, Err: why}
	var de *duckdb.Error
	if errors.As(err, &de) {
		switch de.Type {
		case duckdb.ErrorTypeParser, duckdb.ErrorTypeSyntax:
			why.msg = "the SQL has a syntax error"
		case duckdb.ErrorTypeBinder, duckdb.ErrorTypeCatalog:
			why.msg = "the SQL names a table, column or function that does not exist"
		}
		// DuckDB gives the line only in its message; take it when there.
		if m := duckLineRE.FindStringSubmatch(de.Msg); m != nil {
			if n, err := strconv.Atoi(m[1]); err == nil {
				ie.Line = line0 + n
			}
		}
		why.detail = firstLine(de.Msg)
	}
	return ie
}

func firstLine(s string) string {
	s, _, _ = strings.Cut(strings.TrimSpace(s), "\n")
	return s
}
