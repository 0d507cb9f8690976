package tabular

import (
	"encoding/csv"
	"io"
)

// writeCSV writes t as CSV (RFC 4180, UTF-8, comma, a header row): NULL as
// an empty cell, numbers in full precision, dates ISO, true/false, and text
// through SafeCell.
func writeCSV(w io.Writer, t *Table) error {
	cw := csv.NewWriter(w)
	header := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		header[i] = SafeCell(c)
	}
	if err := cw.Write(header); err != nil {
		return err
	}
	rec := make([]string, len(t.Columns))
	for _, row := range t.Rows {
		for c := range t.Columns {
			var v any
			if c < len(row) {
				v = row[c]
			}
			s := textOf(v, t.typeOf(c))
			if isText(v) {
				s = SafeCell(s)
			}
			rec[c] = s
		}
		if err := cw.Write(rec); err != nil {
			return err
		}
	}
	cw.Flush()
	return cw.Error()
}
