package cli

import (
	"bytes"
	"fmt"
	"maps"
	"slices"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/forms"
	"github.com/ourbiggerstory/obs/pipeline/ingest"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

// problemSheet is the quarantined rows of one sheet of one file.
type problemSheet struct {
	file, sheet, kind string
	rows              []*problemRow
	headers           map[string]string // column letter -> header as sent (or the column's name)
}

// problemRow is one quarantined row: its cells as sent and what is wrong.
type problemRow struct {
	row  int64
	vals map[string]string // column letter -> value as sent
	bad  map[string]string // column letter -> message
	msgs []string
}

// groupProblems gathers the quarantine's lines (one per problem) into rows,
// sheet by sheet, in the order they come.
func groupProblems(t *tabular.Table) []*problemSheet {
	var out []*problemSheet
	byKey := map[[2]string]*problemSheet{}
	for _, r := range t.Rows {
		key := [2]string{fmt.Sprint(r[0]), fmt.Sprint(r[1])}
		s := byKey[key]
		if s == nil {
			s = &problemSheet{file: key[0], sheet: key[1], kind: fmt.Sprint(r[5]), headers: map[string]string{}}
			byKey[key] = s
			out = append(out, s)
		}
		rowNum, _ := r[2].(int64)
		var q *problemRow
		if n := len(s.rows); n > 0 && s.rows[n-1].row == rowNum {
			q = s.rows[n-1]
		} else {
			q = &problemRow{row: rowNum, vals: map[string]string{}, bad: map[string]string{}}
			keys, vals := ingest.RawCells(fmt.Sprint(r[9]))
			for i, k := range keys {
				l, h, _ := strings.Cut(k, ": ")
				q.vals[l] = vals[i]
				if h != "" {
					s.headers[l] = h
				}
			}
			s.rows = append(s.rows, q)
		}
		_, msg := ingest.SplitMessage(key[0], fmt.Sprint(r[8]))
		if r[3] != nil {
			l := fmt.Sprint(r[3])
			q.bad[l] = msg
			if s.headers[l] == "" && r[4] != nil {
				// An empty cell is not in the row as kept: name its column.
				s.headers[l] = fmt.Sprint(r[4])
			}
		}
		q.msgs = append(q.msgs, msg)
	}
	return out
}

// letters are the sheet's columns in the sheet's order.
func (s *problemSheet) letters() []string {
	out := make([]string, 0, len(s.headers))
	for l := range s.headers {
		out = append(out, l)
	}
	sort.Slice(out, func(a, b int) bool {
		x, _ := excelize.ColumnNameToNumber(out[a])
		y, _ := excelize.ColumnNameToNumber(out[b])
		return x < y
	})
	return out
}

// cellValue is how a value as sent is written back: a number as a number
// (so -181 reads -181, and a date kept as a spreadsheet's day number shows
// as a date in a date column), anything else as text. Text cells are never
// run as formulas, so text needs no guarding quote.
func cellValue(v string) any {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || strconv.FormatFloat(f, 'f', -1, 64) != v {
		return v // "007" stays text, as written
	}
	return f
}

// writeProblemsXLSX writes one sheet per source sheet, its rows in the
// form of the return template of their kind (forms.Add: the same columns,
// lists and checks), each faulty cell red with the message as a comment,
// and where each row was sent and what to fix after the kind's columns.
func writeProblemsXLSX(w *bytes.Buffer, t *tabular.Table) error {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Read me")
	f.SetCellValue("Read me", "A1", "Rows obs could not load, each sheet in the form of the return template for its kind: the same columns, "+
		"drop-down lists and checks. Red cells are the problems, with what is wrong as a comment, and what_to_fix says it all; sent_in says "+
		"where the row was sent. Correct the original return (the corrected rows can be copied into it) and send it again: the corrected "+
		"return replaces the earlier one. Columns obs does not know are not shown.")
	for i, s := range groupProblems(t) {
		name := fmt.Sprintf("%d %s", i+1, s.sheet)
		if len(name) > 31 {
			name = name[:31]
		}
		k := schemas.KindByName(s.kind)
		if k == nil {
			return fmt.Errorf("the quarantined rows of %s, sheet %s, are of no kind of return obs knows (%q)", s.file, s.sheet, s.kind)
		}
		if err := forms.Add(f, s.form(name, k, i+1)); err != nil {
			return err
		}
	}
	return tabular.WriteWorkbook(f, w)
}

// form lays the sheet's rows out as the template of kind k lays them: each
// cell as sent under its column's canonical header, the area and period
// (when the rows have them), where each row was sent and what to fix.
func (s *problemSheet) form(name string, k *schemas.Kind, n int) *forms.Sheet {
	aliases := k.Aliases()
	to := map[string]string{} // column letter as sent -> header in the form
	var extra []string
	for _, l := range s.letters() {
		c := aliases[schemas.Norm(s.headers[l])]
		if c == "" || slices.Contains(slices.Collect(maps.Values(to)), c) {
			continue
		}
		if c == "area" || c == "period" {
			extra = append(extra, c)
		}
		to[l] = c
	}
	sh := &forms.Sheet{Name: name, Kind: k, Table: fmt.Sprintf("%s_%d", forms.TableName(k), n),
		Extra: append(extra, "sent_in", "what_to_fix"), Marks: map[string]string{}}
	for r, q := range s.rows {
		row := map[string]any{"sent_in": fmt.Sprintf("%s, sheet %s, row %d", s.file, s.sheet, q.row), "what_to_fix": strings.Join(q.msgs, "\n")}
		for l, c := range to {
			if v := q.vals[l]; v != "" {
				row[c] = cellValue(v)
			}
		}
		for l, msg := range q.bad {
			if cell := sh.Cell(to[l], r); to[l] != "" && cell != "" {
				sh.Marks[cell] = msg
			}
		}
		sh.Cells = append(sh.Cells, row)
	}
	return sh
}
