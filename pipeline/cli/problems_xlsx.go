package cli

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"

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

// columnType is the type of the kind's column a header names (Text when
// obs does not know it).
func columnType(kind, header string) schemas.Type {
	k := schemas.KindByName(kind)
	if k == nil {
		return schemas.Text
	}
	if c := k.Column(k.Aliases()[schemas.Norm(header)]); c != nil {
		return c.Type
	}
	return schemas.Text
}

// cellValue is how a value as sent is written back: a number as a number
// (so -181 reads -181), a date kept as a spreadsheet's day number in a date
// or month column as a date (date true), anything else as text. Text cells
// are never run as formulas, so text needs no guarding quote.
func cellValue(v string, t schemas.Type) (value any, date bool) {
	f, err := strconv.ParseFloat(v, 64)
	if err != nil || strconv.FormatFloat(f, 'f', -1, 64) != v {
		return v, false // "007" stays text, as written
	}
	return f, (t == schemas.Date || t == schemas.Month) && f >= 1 && f == float64(int64(f))
}

// problemStyles are the cell styles of the workbook.
type problemStyles struct{ red, date, redDate, bold int }

func newProblemStyles(f *excelize.File) problemStyles {
	fill := excelize.Fill{Type: "pattern", Color: []string{"FFC7CE"}, Pattern: 1}
	day := "dd/mm/yyyy"
	var s problemStyles
	s.red, _ = f.NewStyle(&excelize.Style{Fill: fill})
	s.date, _ = f.NewStyle(&excelize.Style{CustomNumFmt: &day})
	s.redDate, _ = f.NewStyle(&excelize.Style{Fill: fill, CustomNumFmt: &day})
	s.bold, _ = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	return s
}

// writeProblemsXLSX writes one sheet per source sheet, laid out as the area
// sent it, each faulty cell filled red with the message as a comment.
func writeProblemsXLSX(w *bytes.Buffer, t *tabular.Table) error {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Read me")
	f.SetCellValue("Read me", "A1", "Rows obs could not load. Each sheet shows the rows as they were sent; red cells are the problems, and the last column says what to do. Correct the original return and send it again: the corrected return replaces the earlier one.")
	st := newProblemStyles(f)
	for i, s := range groupProblems(t) {
		name := fmt.Sprintf("%d %s", i+1, s.sheet)
		if len(name) > 31 {
			name = name[:31]
		}
		f.NewSheet(name)
		letters := s.letters()
		put := func(col, row int, v any) string {
			cell, _ := excelize.CoordinatesToCellName(col, row)
			f.SetCellValue(name, cell, v)
			return cell
		}
		put(1, 1, "File "+s.file+", sheet "+s.sheet+": row")
		for j, l := range letters {
			put(j+2, 1, l+": "+s.headers[l])
		}
		put(len(letters)+2, 1, "What to fix")
		f.SetRowStyle(name, 1, 1, st.bold)
		for r, q := range s.rows {
			put(1, r+2, q.row)
			for j, l := range letters {
				v, date := cellValue(q.vals[l], columnType(s.kind, s.headers[l]))
				cell := put(j+2, r+2, v)
				msg, bad := q.bad[l]
				switch {
				case bad && date:
					f.SetCellStyle(name, cell, cell, st.redDate)
				case bad:
					f.SetCellStyle(name, cell, cell, st.red)
				case date:
					f.SetCellStyle(name, cell, cell, st.date)
				}
				if bad {
					f.AddComment(name, excelize.Comment{Cell: cell, Author: "obs", Text: msg})
				}
			}
			put(len(letters)+2, r+2, strings.Join(q.msgs, "\n"))
		}
		f.SetPanes(name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
		f.SetColWidth(name, "A", "A", 12)
	}
	return tabular.WriteWorkbook(f, w)
}
