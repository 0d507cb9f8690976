package cli

import (
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestProblemsWorkbookValues checks that the problems workbook shows the
// cells as they were sent, in the form of the return template for their
// kind: a date as a date, a number as a number with no quote before it, a
// faulty empty cell under its own header, the problem cells red with their
// message, and the template's checks on the columns.
func TestProblemsWorkbookValues(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "obs.duckdb")
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Events")
	rows := [][]any{
		{"Area", "Date of event", "Event", "No. of attendees", "Footfall"},
		{"hanwell", 44128, "Tea and chat", -181, 3},
		{"hanwell", "26/10/2020", nil, 12, 4},
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
	// The events template's columns: event_date, event, event_type,
	// organised_by, attendees, resident_attendees, new_attendees; then area,
	// sent_in and what_to_fix.
	for _, c := range []struct{ cell, want string }{
		{"A1", "event_date"}, {"B1", "event"}, {"E1", "attendees"}, {"H1", "area"}, {"I1", "sent_in"}, {"J1", "what_to_fix"},
		{"A2", "24/10/2020"},
		{"E2", "-181"},
		{"H2", "hanwell"},
		{"I2", "events.xlsx, sheet Events, row 2"},
		{"A3", "26/10/2020"}, // text as sent
		{"B3", ""},           // the faulty empty cell
		{"K1", ""},           // Footfall: obs does not know it
	} {
		if got, _ := g.GetCellValue(sheet, c.cell); got != c.want {
			t.Errorf("%s = %q, want %q", c.cell, got, c.want)
		}
	}
	for _, cell := range []string{"A2", "E2"} {
		if typ, _ := g.GetCellType(sheet, cell); typ != excelize.CellTypeUnset && typ != excelize.CellTypeNumber {
			t.Errorf("%s is of type %v, want a number", cell, typ)
		}
	}
	comments, _ := g.GetComments(sheet)
	marked := map[string]string{}
	for _, c := range comments {
		marked[c.Cell] = c.Text
	}
	for cell, want := range map[string]string{"E2": "a count cannot be below 0", "B3": "event is required"} {
		if !strings.Contains(strings.ToLower(marked[cell]), want) {
			t.Errorf("%s: comment %q, want one saying %q", cell, marked[cell], want)
		}
	}
	dvs, _ := g.GetDataValidations(sheet)
	checks := map[string]string{}
	for _, dv := range dvs {
		checks[dv.Sqref] = dv.Type + " " + dv.Formula1
	}
	for sqref, want := range map[string]string{"E2:E1001": "whole 0", "D2:D1001": `list "partnership,working group,community group,agency,worker"`} {
		if checks[sqref] != want {
			t.Errorf("validation of %s = %q, want the template's %q", sqref, checks[sqref], want)
		}
	}
}
