package tabular

import (
	"archive/zip"
	"bytes"
	"io"
	"regexp"
	"strconv"
	"testing"
)

// TestXLSXColumnsAscending: the widths of a written sheet are stored in
// column order, as Excel requires (out of order, it offers to repair the file).
func TestXLSXColumnsAscending(t *testing.T) {
	tb := &Table{Columns: []string{"area", "a much longer heading", "n"}, Rows: [][]any{{"hanwell", "text", int64(3)}}}
	var buf bytes.Buffer
	if err := Write(&buf, tb, FormatXLSX); err != nil {
		t.Fatal(err)
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		t.Fatal(err)
	}
	var sheet []byte
	for _, f := range zr.File {
		if f.Name == "xl/worksheets/sheet1.xml" {
			rc, _ := f.Open()
			sheet, _ = io.ReadAll(rc)
			rc.Close()
		}
	}
	mins := regexp.MustCompile(`<col min="(\d+)"`).FindAllSubmatch(sheet, -1)
	if len(mins) != 3 {
		t.Fatalf("col elements: %d in %s", len(mins), sheet)
	}
	for i, m := range mins {
		if n, _ := strconv.Atoi(string(m[1])); n != i+1 {
			t.Errorf("col %d has min %d: columns out of order", i, n)
		}
	}
}
