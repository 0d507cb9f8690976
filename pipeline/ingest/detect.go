package ingest

import (
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// headerScan is how many rows are searched for the header row.
const headerScan = 20

// mapping says which cell holds which column of a kind.
type mapping struct {
	kind      *schemas.Kind
	headerRow int
	headers   []string       // as written
	cols      []string       // canonical name per cell; "" for a column obs does not know
	index     map[string]int // canonical name -> cell
	filled    []bool         // by cell: some data row holds a value there (see)
	byColumn  []int          // the cell of each of kind's columns, -1 for none (columnCells)
}

// columnCells is the cell of each of the kind's columns, in the order of
// kind.Columns, -1 where the sheet has none: index, looked up once.
func (m *mapping) columnCells() []int {
	if m.byColumn == nil {
		m.byColumn = make([]int, len(m.kind.Columns))
		for ci, c := range m.kind.Columns {
			i, ok := m.index[c.Name]
			if !ok {
				i = -1
			}
			m.byColumn[ci] = i
		}
	}
	return m.byColumn
}

// mapHeaders maps a header row to kind k's columns.
func mapHeaders(k *schemas.Kind, row []string) *mapping {
	al := k.Aliases()
	m := &mapping{kind: k, headers: row, cols: make([]string, len(row)), index: map[string]int{}, filled: make([]bool, len(row))}
	maxqda := k.Name == "interview_codes" && hasHeader(row, "coverage")
	for i, h := range row {
		if maxqda && schemas.Norm(h) == "area" {
			continue // MAXQDA's coded-segment export: "Area" is the segment's size, beside "Coverage %"
		}
		if c, ok := lookupHeader(al, h); ok {
			if _, dup := m.index[c]; !dup {
				m.cols[i] = c
				m.index[c] = i
			}
		}
	}
	return m
}

// score is how well row fits k as its header: known columns, with every
// required column present; -1 when a required column is missing.
func (m *mapping) score(ret *returnSheet) int {
	for _, c := range m.kind.Columns {
		if _, ok := m.index[c.Name]; c.Required && !ok {
			return -1
		}
	}
	if !m.kind.Reference {
		if _, ok := m.index["area"]; !ok && (ret == nil || ret.area == "") {
			return -1
		}
	}
	return len(m.index)
}

// kindBySheetName recognises a kind from its sheet's name.
func kindBySheetName(name string) *schemas.Kind {
	n := schemas.Norm(name)
	for _, k := range schemas.Kinds() {
		for _, s := range k.Sheets {
			if schemas.Norm(s) == n {
				return k
			}
		}
	}
	return nil
}

// detect finds the header row and kind of a sheet from its first rows: the
// sheet name decides when it names a kind; else the best-fitting headers.
func detect(name string, first [][]string, ret *returnSheet) *mapping {
	byName := kindBySheetName(name)
	var best *mapping
	bestScore := 1 // at least two known columns
	for r, row := range first {
		if blank(row) {
			continue
		}
		var two []string
		if r+1 < len(first) {
			two, _ = twoRowHeader(row, first[r+1])
		}
		for _, k := range schemas.Kinds() {
			if byName != nil && k != byName {
				continue
			}
			m := mapHeaders(k, row)
			if s := m.score(ret); s > bestScore {
				m.headerRow = r
				best, bestScore = m, s
			}
			if two == nil {
				continue
			}
			if m := mapHeaders(k, two); m.score(ret) > bestScore {
				m.headerRow = r + 1 // the header ends on the sub-header row
				best, bestScore = m, m.score(ret)
			}
		}
		if best != nil {
			return best
		}
	}
	return nil
}

func blank(row []string) bool {
	for _, c := range row {
		if strings.TrimSpace(c) != "" {
			return false
		}
	}
	return true
}

// returnSheet is the optional key/value Return sheet of a one-area workbook.
type returnSheet struct {
	area, period, areaRaw, periodRaw string
	row                              map[string]int
}

func isReturnSheet(name string) bool {
	n := schemas.Norm(name)
	return n == "return" || n == "returndetails" || n == "aboutthisreturn"
}

// isNotesSheet says a sheet is the kind of notes areas add (About, Notes,
// Instructions): skipped without comment.
func isNotesSheet(name string) bool {
	switch schemas.Norm(name) {
	case "about", "notes", "instructions", "readme", "guidance", "guide", "help", "contents", "cover", "lists":
		return true
	}
	return false
}

func hasHeader(row []string, folded string) bool {
	for _, h := range row {
		if schemas.Norm(h) == folded {
			return true
		}
	}
	return false
}
