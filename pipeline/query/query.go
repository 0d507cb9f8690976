// Package query runs SQL against the obs database for evaluators: the saved
// queries of the query library (queries/*.sql, each with a header naming it,
// describing it and declaring its parameters) and any SQL they write. Queries
// only read: a statement that would change the database is refused before it
// runs, and the database is opened read-only besides. Parameters are bound
// as DuckDB prepared-statement parameters ($name), never pasted into the SQL.
package query

import (
	"errors"
	"fmt"
	"path"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/position"
	"github.com/ourbiggerstory/obs/queries"
	"github.com/ourbiggerstory/obs/schemas"
)

// Query is one query: a saved one, a file, or SQL typed in.
type Query struct {
	Name        string  // the saved query's name, or the file name without .sql
	Description string  // one line, from "-- description:"
	Params      []Param // from "-- param:" lines, in order
	SQL         string  // the whole text, header comments included
	Source      string  // where it came from: queries/NAME.sql, a file path, or "stdin"
	// PeriodNotes say which '2021-22' literals SQL reads as stored years
	// (see PeriodLiterals); SQL is already rewritten.
	PeriodNotes []string
}

// Param is a parameter declared in a query's header:
//
//	-- param: NAME TYPE DEFAULT DESCRIPTION
//
// TYPE is one of Types. DEFAULT is a value, a "quoted value" (for one with
// spaces), null (no value: the query then covers everything, all periods
// for instance) or required (the evaluator must give it).
type Param struct {
	Name     string
	Type     string
	Default  string // the default value, when neither Null nor Required
	Null     bool   // the default is no value (NULL)
	Required bool   // there is no default
	Doc      string
}

// Types are the parameter types a header may declare, with what each accepts.
var Types = map[string]string{
	"text":    "any text",
	"integer": "a whole number",
	"number":  "a number",
	"date":    "a date: 2021-04-03, 03/04/2021 (day first) or 3 Apr 2021",
	"bool":    "yes or no",
	"period":  "a reporting year: 2021-22 or 2021",
	"area":    "an area's id or name",
	// A definition of resident-led, as the scores name it.
	"definition": "a definition of resident-led: composition, turnout... or all",
	// Who counts as a resident.
	"resident_def": schemas.ResidentDefChoices(),
}

// DefaultText is how the default reads in a listing.
func (p Param) DefaultText() string {
	switch {
	case p.Required:
		return "required"
	case p.Null:
		return "none"
	}
	return p.Default
}

// ErrHeader is the kind of a mistake in a query's header: it arrives as a
// *position.Error at the header's line.
var ErrHeader = errors.New("bad query header")

// Parse reads a query's header. name is used when the header gives none.
// Header lines are "-- key: value" comment lines at the top of the file;
// the first line that is not a comment ends the header.
func Parse(source, name, text string) (*Query, error) {
	q := &Query{Name: name, SQL: text, Source: source}
	seen := map[string]bool{}
	header, _ := queries.Header(text, func(k string) bool { return k == "name" || k == "description" || k == "param" })
	for _, h := range header {
		value := h.Value
		herr := func(format string, a ...any) error {
			return &position.Error{File: source, Line: h.Line, Kind: ErrHeader, Err: fmt.Errorf(format, a...)}
		}
		switch h.Key {
		case "name":
			q.Name = value
		case "description":
			q.Description = value
		case "param":
			p, err := parseParam(value)
			if err != nil {
				return nil, herr("%v", err)
			}
			if seen[p.Name] {
				return nil, herr("parameter %s is declared twice", p.Name)
			}
			seen[p.Name] = true
			q.Params = append(q.Params, p)
		}
	}
	if q.Name == "" {
		q.Name = strings.TrimSuffix(path.Base(source), ".sql")
	}
	q.SQL, q.PeriodNotes = PeriodLiterals(q.SQL)
	return q, nil
}

const paramForm = "write -- param: NAME TYPE DEFAULT DESCRIPTION, for example -- param: period period null the reporting year (empty for all)"

func parseParam(s string) (Param, error) {
	var p Param
	fields := strings.Fields(s)
	if len(fields) < 3 {
		return p, fmt.Errorf("a parameter needs a name, a type and a default: %s", paramForm)
	}
	p.Name, p.Type = fields[0], strings.ToLower(fields[1])
	if !validName(p.Name) {
		return p, fmt.Errorf("parameter name %q: use letters, digits and _ only", p.Name)
	}
	if _, ok := Types[p.Type]; !ok {
		return p, fmt.Errorf("parameter %s has type %q: use one of %s", p.Name, p.Type, typeList())
	}
	// The default is a bare word or a double-quoted value.
	rest := strings.TrimSpace(s)
	rest = strings.TrimSpace(rest[len(fields[0]):])
	rest = strings.TrimSpace(rest[len(fields[1]):])
	def := fields[2]
	if strings.HasPrefix(rest, `"`) {
		end := strings.Index(rest[1:], `"`)
		if end < 0 {
			return p, fmt.Errorf("parameter %s: the default's closing quote is missing", p.Name)
		}
		def = rest[1 : end+1]
		p.Doc = strings.TrimSpace(rest[end+2:])
	} else {
		p.Doc = strings.TrimSpace(rest[len(def):])
		switch strings.ToLower(def) {
		case "null":
			p.Null, def = true, ""
		case "required":
			p.Required, def = true, ""
		}
	}
	p.Default = def
	if !p.Null && !p.Required {
		if _, err := convert(p, def); err != nil {
			return p, fmt.Errorf("parameter %s: default %v", p.Name, err)
		}
	}
	return p, nil
}

func validName(s string) bool {
	for i, r := range s {
		if !(r == '_' || r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || i > 0 && r >= '0' && r <= '9') {
			return false
		}
	}
	return s != ""
}

func typeList() string {
	return "text, integer, number, date, bool, period, area"
}
