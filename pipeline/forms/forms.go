// Package forms writes the workbooks areas fill in to make their returns
// (obs template), and lays out the sheets of rows to fix that the problems
// workbook sends back, in the same form. Every column's check, in Excel's
// own data validation, comes from the declaration in schemas that ingest
// reads the returns by (schemas.Column.Check), so what the spreadsheet lets
// through, obs reads as typed. It depends on schemas and tabular only.
package forms

import (
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

// Area is the area a return is for.
type Area struct {
	ID, Name  string
	Synthetic bool // the area's figures are synthetic (sample data)
}

// Return is one workbook to send: an area, a reporting year, and the kinds
// of return asked for (schemas.AreaKinds when none).
type Return struct {
	Area   Area
	Period schemas.Period
	Kinds  []*schemas.Kind
}

// ReturnSheet is the sheet naming the area and period, which ingest reads.
const ReturnSheet = "Return"

// GuideSheet is the sheet saying how to fill the workbook in.
const GuideSheet = "Guide"

// FileName is the name a return's workbook is sent under:
// birchfield-2021-22.xlsx.
func (r *Return) FileName() string { return r.Area.ID + "-" + r.Period.String() + ".xlsx" }

func (r *Return) kinds() []*schemas.Kind {
	if len(r.Kinds) == 0 {
		return schemas.AreaKinds()
	}
	return r.Kinds
}

// Write writes r's workbook to w: Guide, Return, then a sheet per kind.
func Write(w io.Writer, r *Return) error {
	f := excelize.NewFile()
	defer f.Close()
	if err := f.SetSheetName("Sheet1", GuideSheet); err != nil {
		return err
	}
	if err := writeReturn(f, r); err != nil {
		return err
	}
	for _, k := range r.kinds() {
		if err := Add(f, &Sheet{Name: SheetName(k), Kind: k, Period: r.Period}); err != nil {
			return fmt.Errorf("sheet %s: %w", SheetName(k), err)
		}
	}
	if err := writeGuide(f, r); err != nil {
		return err
	}
	if i, _ := f.GetSheetIndex(SheetName(r.kinds()[0])); i >= 0 {
		f.SetActiveSheet(i)
	}
	if err := f.SetDocProps(docProps(r)); err != nil {
		return err
	}
	return tabular.WriteWorkbook(f, w)
}

func docProps(r *Return) *excelize.DocProperties {
	title := "Big Local return: " + r.Area.Name + " " + r.Period.String()
	if r.Area.Synthetic {
		title += " (synthetic sample data)"
	}
	return &excelize.DocProperties{Creator: "obs", Title: title}
}

// writeReturn writes the Return sheet: the area and period filled in, and
// who sent it and when left for the area.
func writeReturn(f *excelize.File, r *Return) error {
	if _, err := f.NewSheet(ReturnSheet); err != nil {
		return err
	}
	rows := [][]any{
		{"area", r.Area.ID, r.Area.Name + ": filled in by obs; leave it as it is"},
		{"period", r.Period.String(), r.Period.Span() + ": filled in by obs; leave it as it is"},
		{"submitted_by", nil, "who filled the return in: a role is enough (treasurer, worker); no need for a name"},
		{"submitted_on", nil, "the day you send it back"},
	}
	for i, row := range rows {
		if err := f.SetSheetRow(ReturnSheet, fmt.Sprintf("A%d", i+1), &row); err != nil {
			return err
		}
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	if err := f.SetCellStyle(ReturnSheet, "A1", "A4", st.bold); err != nil {
		return err
	}
	if err := f.SetCellStyle(ReturnSheet, "B4", "B4", st.date); err != nil {
		return err
	}
	if err := f.SetColWidth(ReturnSheet, "A", "B", 16); err != nil {
		return err
	}
	dv := excelize.NewDataValidation(true)
	dv.Sqref = "B4"
	dv.SetInput("submitted_on", "The day you send it back, day first: 03/04/2021.")
	day := schemas.Column{Type: schemas.Date}
	if err := setCheck(f, dv, day.Check(0), "submitted_on"); err != nil {
		return err
	}
	return f.AddDataValidation(ReturnSheet, dv)
}

// writeGuide writes the Guide sheet: what each sheet is for, a line per
// column, who counts as a resident and how to send the return back.
func writeGuide(f *excelize.File, r *Return) error {
	var lines [][]any
	add := func(cells ...any) { lines = append(lines, cells) }
	add(fmt.Sprintf("Return for %s, %s (%s)", r.Area.Name, r.Period, r.Period.Span()))
	if r.Area.Synthetic {
		add("SYNTHETIC: made from the obs sample data, for trying obs out. " + strings.TrimSuffix(syntheticNote, "."))
	}
	add()
	add("What each sheet is for")
	add(ReturnSheet, "the area and reporting year this return is for (filled in: leave them), and who sent it and when")
	for _, k := range r.kinds() {
		add(SheetName(k), "each row is "+k.Doc+"; type below the headers, and the table grows as you go")
	}
	add()
	add("Columns", "", "what it means", "what to type")
	for _, k := range r.kinds() {
		for i, c := range k.Columns {
			about := c.Doc
			if c.Required {
				about += " (required)"
			}
			add(SheetName(k), c.Name, about, k.Check(&k.Columns[i], r.Period).Asks)
		}
	}
	add()
	add("Who counts as a resident")
	add("", "A resident lives in the Big Local area. Columns about residents (resident attendees, lives in area, resident) count only people who live there.")
	add("", "The evaluation also looks at residents in these ways, so the other columns (works in area, councillor, agency role) matter too:")
	for _, d := range schemas.ResidentDefs {
		add("", d.ID+" "+d.Name+": "+d.Description)
	}
	add()
	add("How to send it back")
	add("", "Fill in submitted_by and submitted_on on the Return sheet, save the workbook as .xlsx with its sheets and headers as they are, and email it to the evaluation team.")
	add("", "Leave a cell blank when you do not know; never guess. A corrected return sent again, under the same file name, replaces the earlier one.")
	for i, row := range lines {
		if err := f.SetSheetRow(GuideSheet, fmt.Sprintf("A%d", i+1), &row); err != nil {
			return err
		}
	}
	st, err := newStyles(f)
	if err != nil {
		return err
	}
	for i, row := range lines {
		if len(row) == 1 {
			cell := fmt.Sprintf("A%d", i+1)
			if err := f.SetCellStyle(GuideSheet, cell, cell, st.bold); err != nil {
				return err
			}
		}
	}
	if err := f.SetColWidth(GuideSheet, "A", "A", 18); err != nil {
		return err
	}
	if err := f.SetColWidth(GuideSheet, "B", "B", 26); err != nil {
		return err
	}
	return f.SetColWidth(GuideSheet, "C", "D", 50)
}

// syntheticNote is what a template made from sample data says of itself.
const syntheticNote = "None of it describes a real Big Local area; do not send it to one."
