package report

import (
	"database/sql"
	"fmt"
	"io"
	"math"
	"unicode/utf8"

	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// colKind is how a workbook column is formatted.
type colKind int

const (
	text  colKind = iota
	whole         // #,##0
	dec1          // #,##0.0
	dec2          // 0.00
	dec3          // 0.000
	share         // 0%
	yesno         // TRUE/FALSE shown as yes/no text
)

type col struct {
	name string
	kind colKind
}

// block is one table of a sheet: an optional title, a header, rows.
type block struct {
	title string
	cols  []col
	rows  [][]any
}

// sheet is one section of the pack.
type sheet struct {
	name   string
	blocks []block
}

type xlsxStyles struct {
	header, title int
	kinds         map[colKind]int
}

func newStyles(f *excelize.File) (*xlsxStyles, error) {
	s := &xlsxStyles{kinds: map[colKind]int{}}
	var err error
	if s.header, err = f.NewStyle(&excelize.Style{
		Font:      &excelize.Font{Bold: true},
		Fill:      excelize.Fill{Type: "pattern", Pattern: 1, Color: []string{"E7E6E6"}},
		Border:    []excelize.Border{{Type: "bottom", Color: "808080", Style: 1}},
		Alignment: &excelize.Alignment{Vertical: "top", WrapText: true},
	}); err != nil {
		return nil, err
	}
	if s.title, err = f.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true, Size: 12}}); err != nil {
		return nil, err
	}
	// In a fixed order, so that the same pack is the same bytes every time.
	formats := []struct {
		kind colKind
		code string
	}{{whole, "#,##0"}, {dec1, "#,##0.0"}, {dec2, "0.00"}, {dec3, "0.000"}, {share, "0%"}}
	for _, nf := range formats {
		if s.kinds[nf.kind], err = f.NewStyle(&excelize.Style{CustomNumFmt: &nf.code}); err != nil {
			return nil, err
		}
	}
	return s, nil
}

// WriteXLSX writes the pack as a workbook: one sheet per section, holding
// the figures behind every chart. Headers are bold and frozen, columns sized,
// numbers stay numbers with formats, text is made safe from formula injection.
func (p *Pack) WriteXLSX(w io.Writer) error {
	f := excelize.NewFile()
	defer f.Close()
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	for i, sh := range p.sheets() {
		name := tabular.SheetName(sh.name)
		if i == 0 {
			if err := f.SetSheetName("Sheet1", name); err != nil {
				return err
			}
		} else if _, err := f.NewSheet(name); err != nil {
			return err
		}
		if err := writeSheet(f, name, sh, st); err != nil {
			return fmt.Errorf("sheet %s: %w", name, err)
		}
	}
	// The first sheet is the active one already; SetActiveSheet would read
	// every streamed sheet back into memory.
	err = tabular.WriteWorkbook(f, w)
	return err
}

func writeSheet(f *excelize.File, name string, sh sheet, st *xlsxStyles) error {
	sw, err := f.NewStreamWriter(name)
	if err != nil {
		return err
	}
	// Column widths from the longest value in each column, within reason.
	var widths []float64
	for _, b := range sh.blocks {
		for c, cl := range b.cols {
			for len(widths) <= c {
				widths = append(widths, 8)
			}
			widths[c] = math.Max(widths[c], float64(utf8.RuneCountInString(cl.name))+2)
			for _, r := range b.rows {
				if c < len(r) {
					widths[c] = math.Max(widths[c], float64(cellWidth(r[c], cl.kind))+2)
				}
			}
		}
	}
	for c := range widths {
		widths[c] = math.Min(widths[c], 70)
	}
	if err := tabular.SetColWidths(sw, widths); err != nil {
		return err
	}
	if err := sw.SetPanes(&excelize.Panes{Freeze: true, YSplit: 1, TopLeftCell: "A2", ActivePane: "bottomLeft"}); err != nil {
		return err
	}
	row := 1
	put := func(vals []any) error {
		ref, _ := excelize.CoordinatesToCellName(1, row)
		row++
		return sw.SetRow(ref, vals)
	}
	for bi, b := range sh.blocks {
		if bi > 0 {
			row++ // a blank row between tables
		}
		if b.title != "" {
			if err := put([]any{excelize.Cell{StyleID: st.title, Value: tabular.SafeCell(b.title)}}); err != nil {
				return err
			}
		}
		hdr := make([]any, len(b.cols))
		for c, cl := range b.cols {
			hdr[c] = excelize.Cell{StyleID: st.header, Value: tabular.SafeCell(cl.name)}
		}
		if err := put(hdr); err != nil {
			return err
		}
		vals := make([]any, len(b.cols))
		for _, r := range b.rows {
			for c, cl := range b.cols {
				var v any
				if c < len(r) {
					v = r[c]
				}
				vals[c] = cellValue(v, cl.kind, st)
			}
			if err := put(vals); err != nil {
				return err
			}
		}
	}
	return sw.Flush()
}

// cellValue is v as a workbook cell: NULL empty, numbers styled, text safe.
func cellValue(v any, k colKind, st *xlsxStyles) any {
	num := func(f float64) any {
		if math.IsNaN(f) || math.IsInf(f, 0) {
			return nil
		}
		if id, ok := st.kinds[k]; ok {
			return excelize.Cell{StyleID: id, Value: f}
		}
		return f
	}
	switch x := v.(type) {
	case nil:
		return nil
	case sql.NullFloat64:
		if !x.Valid {
			return nil
		}
		return num(x.Float64)
	case sql.NullInt64:
		if !x.Valid {
			return nil
		}
		return num(float64(x.Int64))
	case float64:
		return num(x)
	case int:
		return num(float64(x))
	case int64:
		return num(float64(x))
	case bool:
		if x {
			return "yes"
		}
		return "no"
	case string:
		if x == "" {
			return nil
		}
		return tabular.SafeCell(x)
	}
	return tabular.SafeCell(fmt.Sprint(v))
}

func cellWidth(v any, k colKind) int {
	switch x := v.(type) {
	case string:
		return utf8.RuneCountInString(x)
	case nil:
		return 0
	case bool:
		return 3
	}
	switch k {
	case dec3:
		return 8
	case whole:
		return 9
	}
	return 10
}
