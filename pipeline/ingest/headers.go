package ingest

import (
	"errors"
	"fmt"
	"regexp"
	"sort"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/position"
	"github.com/ourbiggerstory/obs/schemas"
)

// How headers are read beyond their aliases: units and notes in brackets
// are dropped ("Attendance (people)" is attendance), a trailing "total"
// too ("Attendance Total"), and a header of two rows (a group merged over
// its sub-headers) is read as "Group: Sub", known by the whole or by its
// sub-header. Every header that maps to nothing is reported.

// groupSep joins a group header to a sub-header of a two-row header.
const groupSep = ": "

var bracketed = regexp.MustCompile(`\([^()]*\)|\[[^\[\]]*\]|\{[^{}]*\}`)

// ErrUnknownColumn is the kind of a note about a header obs does not know.
var ErrUnknownColumn = errors.New("column not recognised")

// headerKeys are the folded forms a header is looked up by, in order.
func headerKeys(h string) []string {
	var keys []string
	add := func(s string) {
		k := schemas.Norm(s)
		if k == "" {
			return
		}
		keys = append(keys, k)
		if t, ok := strings.CutSuffix(k, "total"); ok && t != "" {
			keys = append(keys, t)
		}
	}
	add(h)
	if s := bracketed.ReplaceAllString(h, " "); s != h {
		add(s)
	}
	if i := strings.LastIndex(h, groupSep); i > 0 {
		sub := h[i+len(groupSep):]
		add(sub)
		if s := bracketed.ReplaceAllString(sub, " "); s != sub {
			add(s)
		}
	}
	return keys
}

// lookupHeader is the canonical column a header means, if any.
func lookupHeader(al map[string]string, h string) (string, bool) {
	for _, k := range headerKeys(h) {
		if c, ok := al[k]; ok {
			return c, true
		}
	}
	return "", false
}

// twoRowHeader reads a group row over a sub-header row as one header row:
// a group header covers the columns to its right whose top cell is empty
// (as a merged cell leaves them) and that have a sub-header. ok is false
// when sub does not look like headers (a cell without a letter).
func twoRowHeader(top, sub []string) ([]string, bool) {
	n := max(len(top), len(sub))
	out := make([]string, n)
	group, spans := "", false
	for i := range n {
		t, s := strings.TrimSpace(at(top, i)), strings.TrimSpace(at(sub, i))
		if s != "" && !strings.ContainsFunc(s, isLetter) {
			return nil, false
		}
		switch {
		case t != "" && s != "":
			group = t
			out[i] = t + groupSep + s
		case t != "":
			group = "" // a header of its own, down both rows
			out[i] = t
		case s != "" && group != "":
			spans = true
			out[i] = group + groupSep + s
		default:
			group = ""
			out[i] = s
		}
	}
	return out, spans
}

func isLetter(r rune) bool { return r >= 'a' && r <= 'z' || r >= 'A' && r <= 'Z' || r > 127 }

func at(row []string, i int) string {
	if i < len(row) {
		return row[i]
	}
	return ""
}

// unrecognised lists the sheet's headers that map to nothing, each with a
// suggestion.
func unrecognised(file, sheet string, m *mapping) []*position.Error {
	var out []*position.Error
	for i, h := range m.headers {
		if m.cols[i] != "" || strings.TrimSpace(h) == "" {
			continue
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		msg := fmt.Sprintf("column '%s' was not recognised; %s It was not loaded", strings.TrimSpace(h), suggest(m, h))
		out = append(out, &position.Error{File: file, Sheet: sheet, Line: m.headerRow + 1, Col: col, Value: h, Kind: ErrUnknownColumn, Err: errors.New(msg)})
	}
	return out
}

// suggest names the column a header most likely meant: the nearest header
// spelling of the kind's columns no other header gave, else those columns.
func suggest(m *mapping, h string) string {
	al := m.kind.Aliases()
	var spellings []string
	for alias, c := range al {
		if _, taken := m.index[c]; !taken {
			spellings = append(spellings, alias)
		}
	}
	sort.Strings(spellings)
	if near, ok := schemas.Nearest(bracketed.ReplaceAllString(h, " "), spellings); ok {
		return fmt.Sprintf("did you mean %s?", al[near])
	}
	var free []string
	for _, c := range m.kind.Columns {
		if _, taken := m.index[c.Name]; !taken {
			free = append(free, c.Name)
		}
	}
	switch {
	case len(free) == 0:
		return "every " + m.kind.Name + " column is already given by another header."
	case len(free) == 1:
		return fmt.Sprintf("did you mean %s?", free[0])
	case len(free) > 5:
		free = append(free[:5], "…")
	}
	return fmt.Sprintf("did you mean one of %s? ('obs export' writes a data dictionary listing the headers each column accepts.)", strings.Join(free, ", "))
}

// seen notes which cells of a data row hold something.
func (m *mapping) see(cells []string) {
	for i, c := range cells {
		if i < len(m.filled) && !m.filled[i] && strings.TrimSpace(c) != "" {
			m.filled[i] = true
		}
	}
}

// emptyWarning says loudly when a sheet's known columns beyond those that
// place a row came out empty while columns obs did not recognise hold
// values: the figures are probably under headers obs could not read.
func emptyWarning(file, sheet string, m *mapping) string {
	var unknown []string
	for i, h := range m.headers {
		if m.cols[i] == "" && strings.TrimSpace(h) != "" && i < len(m.filled) && m.filled[i] {
			unknown = append(unknown, "'"+strings.TrimSpace(h)+"'")
		}
	}
	if len(unknown) == 0 {
		return ""
	}
	var empty []string
	for _, c := range m.kind.Columns {
		i, ok := m.index[c.Name]
		if c.Required {
			continue
		}
		if ok && i < len(m.filled) && m.filled[i] {
			return "" // some figures did load
		}
		empty = append(empty, c.Name)
	}
	sort.Strings(unknown)
	return fmt.Sprintf("WARNING: %s, sheet %s: no %s column beyond the required ones holds a value (%s are empty), while the column(s) %s that obs did not recognise do: the figures were probably not loaded. Rename those headers to the ones the data dictionary lists and load the file again",
		file, sheet, m.kind.Name, strings.Join(empty, ", "), strings.Join(unknown, ", "))
}

// readyRow readies a data row's cells to be read: a time of day in a column
// of hours as hours, cells that hold something noted. It is false when the
// row was quarantined whole (a CSV line with too many fields).
func (l *loader) readyRow(sh sheet, k *schemas.Kind, m *mapping, rs *rowState) bool {
	m.see(rs.cells)
	timesAsHours(k, m, sh, rs.cells)
	if l.tooManyFields(sh, m, rs) {
		l.quarantine(k, m, rs, "")
		return false
	}
	return true
}

// warnEmpty adds emptyWarning's warning for a loaded sheet, if any.
func (l *loader) warnEmpty(sheet string, m *mapping) {
	if w := emptyWarning(l.res.File, sheet, m); w != "" {
		l.res.Warnings = append(l.res.Warnings, w)
	}
}
