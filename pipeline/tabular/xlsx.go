package tabular

import (
	"fmt"
	"io"
	"math/big"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
	"github.com/xuri/excelize/v2"
)

// Limits of an Excel worksheet.
const (
	xlsxMaxRows      = 1048576
	xlsxMaxCellChars = 32767
	xlsxSheetChars   = 31
)

// writeXLSX writes t as a workbook with one sheet, "Results".
func writeXLSX(w io.Writer, t *Table) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", "Results"); err != nil {
		return err
	}
	if err := AddSheet(f, "Results", t); err != nil {
		return err
	}
	return WriteWorkbook(f, w)
}

// AddSheet writes t into the sheet of that name in f, creating the sheet if
// needed (the name is cut to Excel's 31 characters and characters Excel
// forbids are replaced). The header row is bold and frozen; columns are
// sized to their contents; whole numbers, decimals, dates and timestamps get
// number formats and stay numbers; text goes through SafeCell; NULL is an
// empty cell. Evidence packs call it once per section.
func AddSheet(f *excelize.File, sheet string, t *Table) error {
	if len(t.Rows)+1 > xlsxMaxRows {
		return fmt.Errorf("%d rows do not fit in one Excel sheet (at most %d): write CSV or Parquet instead", len(t.Rows), xlsxMaxRows-1)
	}
	sheet = SheetName(sheet)
	if idx, err := f.GetSheetIndex(sheet); err != nil {
		return err
	} else if idx < 0 {
		if _, err := f.NewSheet(sheet); err != nil {
			return err
		}
	}
	st, err := newXLSXStyles(f)
	if err != nil {
		return err
	}
	sw, err := f.NewStreamWriter(sheet)
	if err != nil {
		return err
	}
	if err := SetColWidths(sw, xlsxWidths(t)); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	header := make([]any, len(t.Columns))
	for c, name := range t.Columns {
		header[c] = excelize.Cell{StyleID: st.header, Value: SafeCell(name)}
	}
	if err := sw.SetRow("A1", header); err != nil {
		return err
	}
	vals := make([]any, len(t.Columns))
	for r, row := range t.Rows {
		for c := range t.Columns {
			var v any
			if c < len(row) {
				v = row[c]
			}
			cell, err := st.cell(v, t.typeOf(c))
			if err != nil {
				return fmt.Errorf("row %d, column %s: %w", r+1, t.Columns[c], err)
			}
			vals[c] = cell
		}
		ref, _ := excelize.CoordinatesToCellName(1, r+2)
		if err := sw.SetRow(ref, vals); err != nil {
			return err
		}
	}
	return sw.Flush()
}

// SheetName makes s a valid Excel sheet name: no : \ / ? * [ ], at most 31
// characters, not empty.
func SheetName(s string) string {
	s = strings.Map(func(r rune) rune {
		if strings.ContainsRune(`:\/?*[]`, r) {
			return '-'
		}
		return r
	}, strings.TrimSpace(s))
	s = strings.Trim(s, "'")
	if r := []rune(s); len(r) > xlsxSheetChars {
		s = string(r[:xlsxSheetChars])
	}
	if s == "" {
		s = "Sheet"
	}
	return s
}

type xlsxStyles struct {
	header, whole, date, stamp int
}

func newXLSXStyles(f *excelize.File) (*xlsxStyles, error) {
	var s xlsxStyles
	var err error
	custom := func(format string) *excelize.Style { return &excelize.Style{CustomNumFmt: &format} }
	for _, x := range []struct {
		id    *int
		style *excelize.Style
	}{
		{&s.header, &excelize.Style{
			Font:   &excelize.Font{Bold: true},
			Fill:   excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}},
			Border: []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
		}},
		{&s.whole, &excelize.Style{NumFmt: 1}}, // 0: whole numbers, no thousands separator (years stay 2021)
		{&s.date, custom("yyyy-mm-dd")},
		{&s.stamp, custom("yyyy-mm-dd hh:mm:ss")},
	} {
		if *x.id, err = f.NewStyle(x.style); err != nil {
			return nil, err
		}
	}
	return &s, nil
}

// cell is v as a styled cell value.
func (s *xlsxStyles) cell(v any, typ string) (any, error) {
	switch x := v.(type) {
	case nil:
		return nil, nil
	case bool:
		return x, nil
	case float64, float32:
		f, _ := toFloat(x)
		if s := formatFloat(f); s == "NaN" || strings.HasSuffix(s, "Infinity") {
			return s, nil
		}
		return f, nil
	case duckdb.Decimal:
		return x.Float64(), nil
	case *big.Int:
		if x.IsInt64() {
			return excelize.Cell{StyleID: s.whole, Value: x.Int64()}, nil
		}
		return x.String(), nil
	case uint64:
		return excelize.Cell{StyleID: s.whole, Value: x}, nil
	case time.Time:
		switch {
		case strings.HasPrefix(typ, "TIME") && !strings.HasPrefix(typ, "TIMESTAMP"):
			return textOf(x, typ), nil
		case typ == "DATE" || formatTime(x, typ, " ") == x.Format("2006-01-02"):
			return excelize.Cell{StyleID: s.date, Value: x}, nil
		}
		return excelize.Cell{StyleID: s.stamp, Value: x.UTC()}, nil
	}
	if i, ok := toInt(v); ok {
		return excelize.Cell{StyleID: s.whole, Value: i}, nil
	}
	text := SafeCell(textOf(v, typ))
	if runes(text) > xlsxMaxCellChars {
		return nil, fmt.Errorf("a value of %d characters is longer than an Excel cell holds (%d): write CSV or Parquet instead", runes(text), xlsxMaxCellChars)
	}
	return text, nil
}

// xlsxWidths sizes each column to its header and its first thousand values.
func xlsxWidths(t *Table) []float64 {
	out := make([]float64, len(t.Columns))
	for c, name := range t.Columns {
		n := runes(name) + 2 // room for the bold header
		for r, row := range t.Rows {
			if r == 1000 {
				break
			}
			if c < len(row) && row[c] != nil {
				n = max(n, min(runes(textOf(row[c], t.typeOf(c))), 60))
			}
		}
		out[c] = float64(min(max(n, 6), 60)) + 2
	}
	return out
}

// SetColWidths sets the width of each column of a streamed sheet, from the
// first. excelize writes each new width ahead of the others, and Excel
// repairs a workbook whose columns are out of order, so they are set from
// the last column back.
func SetColWidths(sw *excelize.StreamWriter, widths []float64) error {
	for c := len(widths) - 1; c >= 0; c-- {
		if err := sw.SetColWidth(c+1, c+1, widths[c]); err != nil {
			return err
		}
	}
	return nil
}
