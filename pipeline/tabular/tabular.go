// Package tabular is the one place results are written out, in every format
// obs offers: aligned text for a person, CSV, JSON, XLSX, and (straight from
// a query, through DuckDB's Arrow interface) Parquet and Arrow IPC. The
// command line, evidence packs and the web interface all write through it,
// so a value looks the same everywhere and the formula-injection rule of the
// data contract (text never starts a CSV or XLSX cell with = + - @ tab CR LF)
// is kept in one place: SafeCell.
//
// How a value looks. There are two kinds of surface, and one rule for each.
//
// Human surfaces (the "table" format at a terminal, web pages, evidence
// packs, chart labels, notebooks, messages) write figures with Number,
// Count, Money, Percent, Date and Plural, so a figure reads the same on all
// of them:
//   - decimals: at most two, rounded half away from zero, trailing zeros
//     dropped (5.25, 0.5, 12.3, 0.04); a figure that would round to 0
//     keeps two significant figures instead (0.0034, 0.00012);
//   - whole numbers and counts: every digit, with commas between thousands
//     from 10,000 up, so years and four-digit figures stay as written (2021,
//     1234, 12,345, 1,234,567);
//   - a negative figure starts with the minus sign − (U+2212), never a
//     hyphen; a figure that rounds to zero has no sign;
//   - a missing value (NULL, NaN) is Missing, "—";
//   - percentages are whole (83%); money is in pounds, pence shown only when
//     there are any (£1200, £12,000, £5.25); dates are ISO, 2021-04-03;
//   - a chart's axis marks the scale rather than a figure: its ticks are
//     written by Exact, which keeps the digits that tell them apart (0.125).
//
// Machine surfaces (CSV, JSON, and the cells of an XLSX workbook) keep every
// digit in plain ASCII: a hyphen-minus, a full stop, no thousands separator
// (5.25, -0.5, 1234567), so another program reads back exactly what the
// database holds. XLSX cells stay numbers, which Excel shows in the reader's
// own locale; only whole numbers get a format ("0", so years stay 2021).
package tabular

import (
	"database/sql"
	"errors"
	"fmt"
	"io"
	"strings"
)

// Table is a result held in memory.
type Table struct {
	Columns []string
	// Types are DuckDB type names (VARCHAR, BIGINT, DATE, DECIMAL(18,3)...),
	// one per column; optional. They decide how dates and times are shown.
	Types []string
	Rows  [][]any
}

// Format names.
const (
	FormatTable   = "table"
	FormatCSV     = "csv"
	FormatJSON    = "json"
	FormatXLSX    = "xlsx"
	FormatParquet = "parquet"
	FormatArrow   = "arrow"
)

// ErrFormat is returned for a format obs does not write.
var ErrFormat = errors.New("unknown format")

// Formats lists every format, those a Table can be written in first.
func Formats() []string {
	return []string{FormatTable, FormatCSV, FormatJSON, FormatXLSX, FormatParquet, FormatArrow}
}

// Binary reports whether format is a binary file format, which should go to
// a file rather than a terminal.
func Binary(format string) bool {
	return format == FormatXLSX || format == FormatParquet || format == FormatArrow
}

// FromQuery reports whether format is written from a query (WriteQuery)
// rather than from a Table.
func FromQuery(format string) bool {
	return format == FormatParquet || format == FormatArrow
}

func formatErr(format string) error {
	return fmt.Errorf("%w %q: choose one of %s", ErrFormat, format, strings.Join(Formats(), ", "))
}

// FromRows reads rows into a Table, at most limit rows (0: all), and closes
// rows. truncated is true when there were more rows than limit.
func FromRows(rows *sql.Rows, limit int) (t *Table, truncated bool, err error) {
	defer rows.Close()
	if t, err = ColumnsOf(rows); err != nil {
		return nil, false, err
	}
	for rows.Next() {
		if limit > 0 && len(t.Rows) == limit {
			truncated = true
			break
		}
		row, err := ScanRow(rows, len(t.Columns))
		if err != nil {
			return nil, false, err
		}
		t.Rows = append(t.Rows, row)
	}
	if err := rows.Err(); err != nil {
		return nil, false, err
	}
	return t, truncated, nil
}

// ColumnsOf is an empty Table with the columns and types of rows.
func ColumnsOf(rows *sql.Rows) (*Table, error) {
	cols, err := rows.ColumnTypes()
	if err != nil {
		return nil, err
	}
	t := &Table{Columns: make([]string, len(cols)), Types: make([]string, len(cols))}
	for i, c := range cols {
		t.Columns[i] = c.Name()
		t.Types[i] = c.DatabaseTypeName()
	}
	return t, nil
}

// ScanRow scans the current row of rows, which has n columns.
func ScanRow(rows *sql.Rows, n int) ([]any, error) {
	row := make([]any, n)
	ptrs := make([]any, n)
	for i := range row {
		ptrs[i] = &row[i]
	}
	if err := rows.Scan(ptrs...); err != nil {
		return nil, err
	}
	return row, nil
}

// Write writes t to w in format: "table", "csv", "json" or "xlsx". Parquet
// and Arrow are written from a query, with WriteQuery.
func Write(w io.Writer, t *Table, format string) error {
	switch format {
	case FormatTable:
		return writeText(w, t)
	case FormatCSV:
		return writeCSV(w, t)
	case FormatJSON:
		return writeJSON(w, t)
	case FormatXLSX:
		return writeXLSX(w, t)
	case FormatParquet, FormatArrow:
		return fmt.Errorf("%s is written from a query, not a table (tabular.WriteQuery)", format)
	}
	return formatErr(format)
}

// typeOf is the DuckDB type name of column i, upper case, or "".
func (t *Table) typeOf(i int) string {
	if i < len(t.Types) {
		return strings.ToUpper(t.Types[i])
	}
	return ""
}
