package cli

import (
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestProblemsWorkbookValues checks that the problems workbook shows the
// cells as they were sent: a date as a date, a number as a number with no
// quote before it, and a faulty empty cell under its own header.
func TestProblemsWorkbookValues(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "obs.duckdb")
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Events")
	rows := [][]any{
		{"Area", "Date of event", "Event", "No. of attendees"},
		{"hanwell", 44128, "Tea and chat", -181},
		{"hanwell", "26/10/2020", nil, 12},
	}
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		f.SetSheetRow("Events", cell, &row)
	}
	path := filepath.Join(dir, "events.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	if code, out, errs := run(t, "ingest", "--db", db, "--key", filepath.Join(dir, "key"), path); code != ExitQuarantined {
		t.Fatalf("ingest: exit %d, want 3\n%s%s", code, out, errs)
	}
	xl := filepath.Join(dir, "problems.xlsx")
	if code, out, errs := run(t, "problems", "--db", db, "--format", "xlsx", "--out", xl); code != ExitOK {
		t.Fatalf("problems: exit %d\n%s%s", code, out, errs)
	}
	g, err := excelize.OpenFile(xl)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	sheet := g.GetSheetList()[1]
	for _, c := range []struct{ cell, want string }{
		{"C1", "B: Date of event"},
		{"D1", "C: Event"}, // empty in row 3, the faulty cell
		{"C2", "24/10/2020"},
		{"E2", "-181"},
		{"C3", "26/10/2020"}, // text as sent
		{"D3", ""},
	} {
		if got, _ := g.GetCellValue(sheet, c.cell); got != c.want {
			t.Errorf("%s = %q, want %q", c.cell, got, c.want)
		}
	}
	for _, cell := range []string{"C2", "E2"} {
		if typ, _ := g.GetCellType(sheet, cell); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s is of type %v, want a number", cell, typ)
		}
	}
}
