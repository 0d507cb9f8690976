package store

import (
	"time"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/memory"

	"github.com/ourbiggerstory/obs/schemas"
)

// BatchRows is how many rows a Batch holds before it cuts a record batch.
const BatchRows = 16384

// Batch builds Arrow record batches for a list of stored columns, one typed
// value at a time, cutting a record every BatchRows rows.
type Batch struct {
	Schema  *arrow.Schema
	b       *array.RecordBuilder
	rows    int
	pending int
}

// NewBatch starts a batch for cols.
func NewBatch(cols []schemas.Column) *Batch {
	s := schemas.ArrowSchema(cols)
	return &Batch{Schema: s, b: array.NewRecordBuilder(memory.DefaultAllocator, s)}
}

// Null sets column i of the current row to NULL.
func (b *Batch) Null(i int) { b.b.Field(i).AppendNull() }

// String sets column i (a text column).
func (b *Batch) String(i int, v string) { b.b.Field(i).(*array.StringBuilder).Append(v) }

// Int sets column i (a count).
func (b *Batch) Int(i int, v int64) { b.b.Field(i).(*array.Int64Builder).Append(v) }

// Int32 sets column i (a period).
func (b *Batch) Int32(i int, v int32) { b.b.Field(i).(*array.Int32Builder).Append(v) }

// Float sets column i (a number or amount).
func (b *Batch) Float(i int, v float64) { b.b.Field(i).(*array.Float64Builder).Append(v) }

// Bool sets column i.
func (b *Batch) Bool(i int, v bool) { b.b.Field(i).(*array.BooleanBuilder).Append(v) }

// Date sets column i to a day.
func (b *Batch) Date(i int, t time.Time) {
	b.b.Field(i).(*array.Date32Builder).Append(arrow.Date32FromTime(t))
}

// EndRow finishes a row whose every column has been set.
func (b *Batch) EndRow() { b.rows++; b.pending++ }

// Full says the batch holds BatchRows rows not yet cut: time to Cut and load them.
func (b *Batch) Full() bool { return b.pending >= BatchRows }

// Rows is the number of rows added in all.
func (b *Batch) Rows() int { return b.rows }

// Cut returns the rows added since the last cut as one record (nil if none).
// The caller releases it.
func (b *Batch) Cut() arrow.RecordBatch {
	if b.pending == 0 {
		return nil
	}
	b.pending = 0
	return b.b.NewRecordBatch()
}

// Close frees the builder.
func (b *Batch) Close() { b.b.Release() }

// Release frees the batch's records.
func Release(recs []arrow.RecordBatch) {
	for _, r := range recs {
		r.Release()
	}
}
