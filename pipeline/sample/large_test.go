package sample

import (
	"bytes"
	"os"
	"path/filepath"
	"testing"

	"github.com/ourbiggerstory/obs/schemas"
	"github.com/xuri/excelize/v2"
)

func TestLargeEvents(t *testing.T) {
	dir := t.TempDir()
	a, b := filepath.Join(dir, "a.xlsx"), filepath.Join(dir, "b.xlsx")
	for _, p := range []string{a, b} {
		if err := LargeEvents(p, 5000, 3); err != nil {
			t.Fatal(err)
		}
	}
	da, _ := os.ReadFile(a)
	db, _ := os.ReadFile(b)
	if !bytes.Equal(da, db) {
		t.Error("two runs with the same seed differ")
	}
	x, err := excelize.OpenFile(a)
	if err != nil {
		t.Fatal(err)
	}
	defer x.Close()
	if got := x.GetSheetList(); len(got) != 2 || got[0] != "Events" || got[1] != "About" {
		t.Errorf("sheets %v", got)
	}
	rows, err := x.GetRows("Events", excelize.Options{RawCellValue: true})
	if err != nil {
		t.Fatal(err)
	}
	if len(rows) != 5001 {
		t.Fatalf("%d rows, want 5,000 and a header", len(rows))
	}
	al := schemas.KindByName("events").Aliases()
	if al[schemas.Norm(rows[0][0])] != "area" {
		t.Errorf("first header %q is not the area", rows[0][0])
	}
	for _, h := range rows[0] {
		if _, ok := al[schemas.Norm(h)]; !ok {
			t.Errorf("header %q is no events column", h)
		}
	}
	forms := map[string]bool{}
	for _, r := range rows[1:] {
		if len(r) < 3 || r[1] == "" || r[2] == "" {
			t.Fatalf("row %v lacks area, date or event", r)
		}
		switch {
		case len(r[1]) == 5:
			forms["serial"] = true
		case r[1][4] == '-':
			forms["iso"] = true
		case r[1][2] == '/':
			forms["uk"] = true
		default:
			forms["words"] = true
		}
	}
	if len(forms) < 3 {
		t.Errorf("date forms %v, want a mix", forms)
	}
}

// BenchmarkLargeEvents writes the 200,000-row workbook the ingest benchmark reads.
func BenchmarkLargeEvents(b *testing.B) {
	b.ReportAllocs()
	path := filepath.Join(b.TempDir(), "events-large.xlsx")
	for i := 0; i < b.N; i++ {
		if err := LargeEvents(path, 200_000, 1); err != nil {
			b.Fatal(err)
		}
	}
	if st, err := os.Stat(path); err == nil {
		b.ReportMetric(float64(st.Size())/1e6, "MB")
	}
}
