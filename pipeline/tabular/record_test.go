package tabular

import (
	"bytes"
	"encoding/csv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

func TestWriteRecorded(t *testing.T) {
	tab := &Table{Columns: []string{"area_id", "n"}, Types: []string{"VARCHAR", "BIGINT"}, Rows: [][]any{{"A01", int64(3)}}}
	rec := Record{{"Query", "compare_areas"}, {"SQL", "SELECT 1\nFROM x"}}

	var b bytes.Buffer
	if err := WriteRecorded(&b, tab, FormatCSV, rec); err != nil {
		t.Fatal(err)
	}
	text := b.String()
	for _, want := range []string{"# Query: compare_areas\n", "# SQL: SELECT 1\n# SQL: FROM x\n"} {
		if !strings.Contains(text, want) {
			t.Errorf("CSV record lacks %q:\n%s", want, text)
		}
	}
	r := csv.NewReader(strings.NewReader(text))
	r.Comment = '#'
	rows, err := r.ReadAll()
	if err != nil || len(rows) != 2 || rows[0][0] != "area_id" || rows[1][1] != "3" {
		t.Errorf("CSV read with comments skipped: %q %v", rows, err)
	}

	b.Reset()
	if err := WriteRecorded(&b, tab, FormatXLSX, rec); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&b)
	if err != nil {
		t.Fatal(err)
	}
	if got := f.GetSheetList(); len(got) != 2 || got[0] != "Results" || got[1] != RecordSheet {
		t.Fatalf("sheets %q", got)
	}
	if v, _ := f.GetCellValue(RecordSheet, "B3"); v != "SELECT 1\nFROM x" {
		t.Errorf("record sheet B3 = %q", v)
	}
	if v, _ := f.GetCellValue("Results", "B2"); v != "3" {
		t.Errorf("results B2 = %q", v)
	}
}
