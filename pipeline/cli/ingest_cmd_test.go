package cli

import (
	"bytes"
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// run runs obs in-process and returns its exit status, stdout and stderr.
func run(t *testing.T, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, strings.NewReader(""), &out, &errb)
	return code, out.String(), errb.String()
}

// TestIngestProblemsFiles checks the files ingest and problems write.
func TestIngestProblemsFiles(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "obs.duckdb")
	key := filepath.Join(dir, "key")
	f := excelize.NewFile()
	f.SetSheetName("Sheet1", "Volunteering")
	rows := [][]any{
		{"Area", "Month", "Volunteer name", "Hours"},
		{"hanwell", "Apr 2021", "Ada Lovelace", 4},
		{"hanwell", "May 2021", "Ada Lovelace", "lots"},
		{"Hanwel", "May 2021", "Ada Lovelace", 2},
	}
	for r, row := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, r+1)
		f.SetSheetRow("Volunteering", cell, &row)
	}
	path := filepath.Join(dir, "vol.xlsx")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	// What ingest, status and problems print is in testdata/cli/ingest-again.
	if code, out, errs := run(t, "ingest", "--db", db, "--key", key, path); code != ExitQuarantined {
		t.Fatalf("exit %d, want 3\n%s%s", code, out, errs)
	}
	xl := filepath.Join(dir, "problems.xlsx")
	code, out, _ := run(t, "problems", "--db", db, "--format", "xlsx", "--out", xl)
	if code != ExitOK {
		t.Fatalf("problems xlsx: exit %d\n%s", code, out)
	}
	g, err := excelize.OpenFile(xl)
	if err != nil {
		t.Fatal(err)
	}
	defer g.Close()
	sheet := g.GetSheetList()[1]
	v, _ := g.GetCellValue(sheet, "D2") // hours of row 3, under hours, the template's column D
	c, _ := g.GetComments(sheet)
	marked := map[string]bool{}
	for _, cm := range c {
		marked[cm.Cell] = true
	}
	if v != "lots" || !marked["D2"] || !marked["G3"] || marked["D3"] { // G: area, after the template's columns
		t.Errorf("problems xlsx: D2 = %q, comments %v", v, c)
	}
	raw, _ := os.ReadFile(db)
	if bytes.Contains(raw, []byte("Ada Lovelace")) || bytes.Contains(raw, []byte("ada lovelace")) {
		t.Error("a name reached the database file")
	}
	st, err := os.Stat(key)
	if err != nil || st.Mode().Perm() != 0o600 {
		t.Errorf("key file mode: %v %v", st, err)
	}
}
