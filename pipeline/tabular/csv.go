package tabular

import (
	"database/sql"
	"encoding/csv"
	"io"
)

// writeCSV writes t as CSV (RFC 4180, UTF-8, comma, a header row): NULL as
// an empty cell, numbers in full precision, dates ISO, true/false, and text
// through SafeCell.
func writeCSV(w io.Writer, t *Table) error {
	cw := newCSVWriter(w, t.Columns, t.Types)
	if err := cw.header(); err != nil {
		return err
	}
	for _, row := range t.Rows {
		if err := cw.row(row); err != nil {
			return err
		}
	}
	return cw.flush()
}

// CopyCSV writes rows as CSV, as Write does, one row at a time (so a table
// of any size), closes rows and returns the rows written.
func CopyCSV(w io.Writer, rows *sql.Rows) (int64, error) {
	defer rows.Close()
	cols, err := rows.ColumnTypes()
	if err != nil {
		return 0, err
	}
	names, types := make([]string, len(cols)), make([]string, len(cols))
	for i, c := range cols {
		names[i], types[i] = c.Name(), c.DatabaseTypeName()
	}
	cw := newCSVWriter(w, names, types)
	if err := cw.header(); err != nil {
		return 0, err
	}
	row := make([]any, len(cols))
	ptrs := make([]any, len(cols))
	for i := range row {
		ptrs[i] = &row[i]
	}
	var n int64
	for rows.Next() {
		if err := rows.Scan(ptrs...); err != nil {
			return n, err
		}
		if err := cw.row(row); err != nil {
			return n, err
		}
		n++
	}
	if err := rows.Err(); err != nil {
		return n, err
	}
	return n, cw.flush()
}

type csvWriter struct {
	w     *csv.Writer
	t     *Table // columns and types only
	cells []string
}

func newCSVWriter(w io.Writer, columns, types []string) *csvWriter {
	return &csvWriter{w: csv.NewWriter(w), t: &Table{Columns: columns, Types: types}, cells: make([]string, len(columns))}
}

func (c *csvWriter) header() error {
	for i, name := range c.t.Columns {
		c.cells[i] = SafeCell(name)
	}
	return c.w.Write(c.cells)
}

func (c *csvWriter) row(row []any) error {
	for i := range c.t.Columns {
		var v any
		if i < len(row) {
			v = row[i]
		}
		s := textOf(v, c.t.typeOf(i))
		if isText(v) {
			s = SafeCell(s)
		}
		c.cells[i] = s
	}
	return c.w.Write(c.cells)
}

func (c *csvWriter) flush() error {
	c.w.Flush()
	return c.w.Error()
}
