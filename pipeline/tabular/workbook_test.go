package tabular

import (
	"archive/zip"
	"bytes"
	"testing"

	"github.com/xuri/excelize/v2"
)

// TestWriteWorkbookSameBytes: a workbook with several sheets is the same
// bytes every time it is written, its content types come first, and it
// reads back with what was written.
func TestWriteWorkbookSameBytes(t *testing.T) {
	write := func() []byte {
		f := excelize.NewFile()
		defer f.Close()
		for _, name := range []string{"Zeta", "Alpha", "Mid", "Beta", "Omega"} {
			if err := AddSheet(f, name, &Table{Columns: []string{"sheet", "n"}, Rows: [][]any{{name, int64(len(name))}}}); err != nil {
				t.Fatal(err)
			}
		}
		var buf bytes.Buffer
		if err := WriteWorkbook(f, &buf); err != nil {
			t.Fatal(err)
		}
		return buf.Bytes()
	}
	first := write()
	for i := 0; i < 5; i++ {
		if again := write(); !bytes.Equal(first, again) {
			t.Fatalf("write %d differs from the first (%d and %d bytes)", i+2, len(again), len(first))
		}
	}
	zr, err := zip.NewReader(bytes.NewReader(first), int64(len(first)))
	if err != nil {
		t.Fatal(err)
	}
	if zr.File[0].Name != "[Content_Types].xml" {
		t.Errorf("first part is %s, want [Content_Types].xml", zr.File[0].Name)
	}
	f, err := excelize.OpenReader(bytes.NewReader(first))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	if v, err := f.GetCellValue("Mid", "A2"); err != nil || v != "Mid" {
		t.Errorf("Mid!A2 = %q, %v; want Mid", v, err)
	}
}
