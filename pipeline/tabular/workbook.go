package tabular

import (
	"archive/zip"
	"bytes"
	"io"
	"sort"

	"github.com/xuri/excelize/v2"
)

// WriteWorkbook writes f to w with its parts in a fixed order (content
// types first, then by name), so that the same workbook is the same bytes
// every time it is written: excelize alone writes its parts in whatever
// order its map gives. The parts are copied as compressed, not compressed
// again.
func WriteWorkbook(f *excelize.File, w io.Writer) error {
	var buf bytes.Buffer
	if _, err := f.WriteTo(&buf); err != nil {
		return err
	}
	zr, err := zip.NewReader(bytes.NewReader(buf.Bytes()), int64(buf.Len()))
	if err != nil {
		return err
	}
	parts := append([]*zip.File(nil), zr.File...)
	rank := func(name string) int {
		switch name {
		case "[Content_Types].xml":
			return 0
		case "_rels/.rels":
			return 1
		}
		return 2
	}
	sort.SliceStable(parts, func(i, j int) bool {
		ri, rj := rank(parts[i].Name), rank(parts[j].Name)
		if ri != rj {
			return ri < rj
		}
		return parts[i].Name < parts[j].Name
	})
	zw := zip.NewWriter(w)
	for _, p := range parts {
		if err := zw.Copy(p); err != nil {
			return err
		}
	}
	return zw.Close()
}
