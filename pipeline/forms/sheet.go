package forms

import (
	"fmt"
	"slices"
	"strconv"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/schemas"
)

// Rows is how many rows below the header carry each column's check. An
// Excel table carries them on as rows are added below.
const Rows = 1000

// listsSheet holds the words of any list longer than a formula may hold.
const listsSheet = "Lists"

// maxListFormula is the most characters a list typed into a validation may
// have (Excel's limit); a longer list is kept in the Lists sheet.
const maxListFormula = 255

// Sheet is one kind's sheet laid out as every template lays it: the kind's
// canonical headers in row 1, bold and frozen, each with its meaning as a
// comment; an Excel table; each column's check (schemas.Column.Check) as
// data validation from row 2 to row Rows+1. Extra headers follow the
// kind's columns, inside the table and unchecked (the problems workbook's
// "what to fix"). Cells holds rows already filled in (by header name), and
// Marks a message for cells to mark in red, by cell name ("C4").
type Sheet struct {
	Name   string
	Kind   *schemas.Kind
	Table  string         // the table's name; TableName(Kind) when ""
	Period schemas.Period // the dates' reporting year; 0 lets any date through
	Extra  []string
	Cells  []map[string]any
	Marks  map[string]string
}

// Cell is the cell of header's column in data row r (0 is the first row
// below the headers), "" when the sheet has no such column.
func (s *Sheet) Cell(header string, r int) string {
	i := slices.Index(s.headers(), header)
	if i < 0 {
		return ""
	}
	cell, _ := excelize.CoordinatesToCellName(i+1, r+2)
	return cell
}

// SheetName is the sheet a kind is written to: its first sheet name, with a
// capital (LTO in capitals).
func SheetName(k *schemas.Kind) string {
	n := k.Sheets[0]
	if len(n) <= 3 {
		return strings.ToUpper(n)
	}
	return strings.ToUpper(n[:1]) + n[1:]
}

// TableName is the Excel table of a kind's rows: the kind's name and
// "_rows" (letters and underscores, never a cell's name).
func TableName(k *schemas.Kind) string { return k.Name + "_rows" }

// headers are the sheet's column names, in order.
func (s *Sheet) headers() []string {
	var hs []string
	for _, c := range s.Kind.Columns {
		hs = append(hs, c.Name)
	}
	return append(hs, s.Extra...)
}

// Add writes s into f, as a new sheet.
func Add(f *excelize.File, s *Sheet) error {
	if _, err := f.NewSheet(s.Name); err != nil {
		return err
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	hs := s.headers()
	for i, h := range hs {
		cell, _ := excelize.CoordinatesToCellName(i+1, 1)
		if err := f.SetCellStr(s.Name, cell, h); err != nil {
			return err
		}
		col, _ := excelize.ColumnNumberToName(i + 1)
		if err := f.SetColWidth(s.Name, col, col, float64(max(12, len(h)+4))); err != nil {
			return err
		}
		if i < len(s.Kind.Columns) {
			if err := s.column(f, st, i, col); err != nil {
				return err
			}
		}
	}
	if err := s.fill(f, st, hs); err != nil {
		return err
	}
	last, _ := excelize.CoordinatesToCellName(len(hs), max(2, len(s.Cells)+1))
	table := s.Table
	if table == "" {
		table = TableName(s.Kind)
	}
	if err := f.AddTable(s.Name, &excelize.Table{Range: "A1:" + last, Name: table, StyleName: "TableStyleLight9"}); err != nil {
		return err
	}
	end, _ := excelize.ColumnNumberToName(len(hs))
	if err := f.SetCellStyle(s.Name, "A1", end+"1", st.bold); err != nil {
		return err
	}
	return f.SetPanes(s.Name, &excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"})
}

// column gives the kind's i-th column (letter col) its comment, its date
// format and its check.
func (s *Sheet) column(f *excelize.File, st styles, i int, col string) error {
	c := &s.Kind.Columns[i]
	ch := s.Kind.Check(c, s.Period)
	about := c.Doc
	if c.Required {
		about += " (required)"
	}
	if err := f.AddComment(s.Name, excelize.Comment{Cell: col + "1", Author: "obs", Text: c.Name + ": " + about}); err != nil {
		return err
	}
	switch c.Type {
	case schemas.Date:
		if err := f.SetColStyle(s.Name, col, st.date); err != nil {
			return err
		}
	case schemas.Month:
		if err := f.SetColStyle(s.Name, col, st.month); err != nil {
			return err
		}
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = fmt.Sprintf("%s2:%s%d", col, col, Rows+1)
	dv.SetInput(c.Name, clip(capital(about)+". "+ch.Asks))
	if err := setCheck(f, dv, ch, c.Name); err != nil {
		return err
	}
	if i := slices.Index(s.headers(), ch.AtMost); i >= 0 {
		// Not above the whole on the same row, when it is filled in.
		whole, _ := excelize.ColumnNumberToName(i + 1)
		dv.Formula2 = fmt.Sprintf(`IF(%s2="",%s,%s2)`, whole, number(ch.Max), whole)
	}
	return f.AddDataValidation(s.Name, dv)
}

// setCheck writes ch into dv, with its message as a stop.
func setCheck(f *excelize.File, dv *excelize.DataValidation, ch schemas.Check, name string) error {
	var err error
	switch ch.Kind {
	case schemas.AnyValue:
		return nil
	case schemas.List:
		err = dv.SetDropList(ch.Words)
		if len(strings.Join(ch.Words, ",")) > maxListFormula || strings.Contains(strings.Join(ch.Words, ""), ",") {
			var ref string
			if ref, err = listRange(f, name, ch.Words); err == nil {
				dv.SetSqrefDropList(ref)
			}
		}
	case schemas.Whole:
		err = dv.SetRange(number(ch.Min), number(ch.Max), excelize.DataValidationTypeWhole, excelize.DataValidationOperatorBetween)
	case schemas.Decimal:
		if ch.Max > 0 {
			err = dv.SetRange(number(ch.Min), number(ch.Max), excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorBetween)
		} else {
			err = dv.SetRange(number(ch.Min), "", excelize.DataValidationTypeDecimal, excelize.DataValidationOperatorGreaterThanOrEqual)
		}
	case schemas.Day:
		if ch.From.IsZero() {
			err = dv.SetRange("1", "", excelize.DataValidationTypeDate, excelize.DataValidationOperatorGreaterThanOrEqual)
		} else {
			err = dv.SetRange(Serial(ch.From), Serial(ch.To), excelize.DataValidationTypeDate, excelize.DataValidationOperatorBetween)
		}
	}
	if err != nil {
		return err
	}
	dv.SetError(excelize.DataValidationErrorStyleStop, name, clip(ch.Says))
	return nil
}

// listRange writes words down a new column of the hidden Lists sheet, and
// gives its range.
func listRange(f *excelize.File, name string, words []string) (string, error) {
	i, _ := f.GetSheetIndex(listsSheet)
	if i < 0 {
		if _, err := f.NewSheet(listsSheet); err != nil {
			return "", err
		}
		if err := f.SetSheetVisible(listsSheet, false); err != nil {
			return "", err
		}
	}
	cols, err := f.GetCols(listsSheet)
	if err != nil {
		return "", err
	}
	col, _ := excelize.ColumnNumberToName(len(cols) + 1)
	if err := f.SetCellStr(listsSheet, col+"1", name); err != nil {
		return "", err
	}
	for j, w := range words {
		if err := f.SetCellStr(listsSheet, col+strconv.Itoa(j+2), w); err != nil {
			return "", err
		}
	}
	return fmt.Sprintf("%s!$%s$2:$%s$%d", listsSheet, col, col, len(words)+1), nil
}

// fill writes the rows already filled in, dates formatted as dates, and
// marks the cells of Marks red, with the message as a comment.
func (s *Sheet) fill(f *excelize.File, st styles, hs []string) error {
	for r, row := range s.Cells {
		for i, h := range hs {
			cell, _ := excelize.CoordinatesToCellName(i+1, r+2)
			v, ok := row[h]
			if ok {
				if err := f.SetCellValue(s.Name, cell, v); err != nil {
					return err
				}
			}
			style, red := 0, st.red
			if c := s.Kind.Column(h); c != nil && isNumber(v) {
				switch c.Type {
				case schemas.Date:
					style, red = st.date, st.redDate
				case schemas.Month:
					style, red = st.month, st.redMonth
				}
			}
			msg, bad := s.Marks[cell]
			if bad {
				style = red
				if err := f.AddComment(s.Name, excelize.Comment{Cell: cell, Author: "obs", Text: msg}); err != nil {
					return err
				}
			}
			if style != 0 {
				if err := f.SetCellStyle(s.Name, cell, cell, style); err != nil {
					return err
				}
			}
		}
	}
	return nil
}

// Serial is day d as a spreadsheet's day number (1900 date system).
func Serial(d time.Time) string {
	return strconv.Itoa(int(d.Sub(time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)).Hours() / 24))
}

func isNumber(v any) bool {
	_, ok := v.(float64)
	return ok
}

func number(v float64) string { return strconv.FormatFloat(v, 'f', -1, 64) }

// maxMessage is the longest input or error message Excel takes.
const maxMessage = 255

// clip shortens a message longer than Excel takes at a word, with "…"
// (a long list's words go on in the drop-down).
func clip(s string) string {
	r := []rune(s)
	if len(r) <= maxMessage {
		return s
	}
	cut := string(r[:maxMessage-1])
	if i := strings.LastIndex(cut, " "); i > 0 {
		cut = cut[:i]
	}
	return cut + "…"
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// styles are the cell styles of a form.
type styles struct{ bold, date, month, red, redDate, redMonth int }

func newStyles(f *excelize.File) (styles, error) {
	var st styles
	fill := excelize.Fill{Type: "pattern", Color: []string{"FFC7CE"}, Pattern: 1}
	day, month := "dd/mm/yyyy", "mmm yyyy"
	for _, s := range []struct {
		id    *int
		style *excelize.Style
	}{
		{&st.bold, &excelize.Style{Font: &excelize.Font{Bold: true}}},
		{&st.date, &excelize.Style{CustomNumFmt: &day}},
		{&st.month, &excelize.Style{CustomNumFmt: &month}},
		{&st.red, &excelize.Style{Fill: fill}},
		{&st.redDate, &excelize.Style{Fill: fill, CustomNumFmt: &day}},
		{&st.redMonth, &excelize.Style{Fill: fill, CustomNumFmt: &month}},
	} {
		id, err := f.NewStyle(s.style)
		if err != nil {
			return st, err
		}
		*s.id = id
	}
	return st, nil
}
