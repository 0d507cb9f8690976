package store

import (
	"fmt"
	"math"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/ourbiggerstory/obs/schemas"
)

// RowWriter builds a result table's rows as Arrow record batches, then
// replaces rows of the table by them in a transaction.
type RowWriter struct {
	t    *schemas.Table
	b    *Batch
	recs []arrow.RecordBatch
}

// NewRowWriter starts the rows of t.
func NewRowWriter(t *schemas.Table) *RowWriter {
	return &RowWriter{t: t, b: NewBatch(t.Columns)}
}

// Table is the table the rows are for.
func (w *RowWriter) Table() *schemas.Table { return w.t }

// Add appends one row, values in the table's column order: nil, string,
// bool, int or float64. nil, NaN and "" are stored as NULL.
func (w *RowWriter) Add(vals ...any) {
	if len(vals) != len(w.t.Columns) {
		panic(fmt.Sprintf("store: %d values for the %d columns of %s", len(vals), len(w.t.Columns), w.t.Name))
	}
	for i, v := range vals {
		c := w.t.Columns[i]
		switch x := v.(type) {
		case nil:
			w.b.Null(i)
		case string:
			if x == "" {
				w.b.Null(i)
			} else {
				w.b.String(i, x)
			}
		case bool:
			w.b.Bool(i, x)
		case int:
			w.setNumber(i, c, float64(x))
		case float64:
			w.setNumber(i, c, x)
		default:
			panic(fmt.Sprintf("store: value %v of type %T for %s.%s", v, v, w.t.Name, c.Name))
		}
	}
	w.b.EndRow()
	if w.b.Full() {
		w.recs = append(w.recs, w.b.Cut())
	}
}

func (w *RowWriter) setNumber(i int, c schemas.Column, x float64) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		w.b.Null(i)
		return
	}
	switch c.Type {
	case schemas.Count:
		w.b.Int(i, int64(math.Round(x)))
	case schemas.ReportingYear:
		w.b.Int32(i, int32(x))
	default:
		w.b.Float(i, x)
	}
}

// Replace runs clear (a DELETE of the rows being replaced, with its args)
// and appends the rows added, in tx.
func (w *RowWriter) Replace(tx *Tx, clear string, args ...any) error {
	defer w.b.Close()
	if r := w.b.Cut(); r != nil {
		w.recs = append(w.recs, r)
	}
	defer Release(w.recs)
	if _, err := tx.Exec(clear, args...); err != nil {
		return fmt.Errorf("clearing %s: %w", w.t.Name, err)
	}
	return tx.Append(w.t.Name, w.b.Schema, w.recs...)
}
