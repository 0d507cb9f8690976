package store

import (
	"database/sql/driver"
	"errors"
	"fmt"
	"sync/atomic"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/duckdb/duckdb-go/v2"
)

// StreamDepth is how many record batches a Stream holds that DuckDB has not
// read yet; Send waits beyond it, so a fast reader never runs ahead of the
// database by more than this many batches.
const StreamDepth = 2

// Stream loads record batches into one table as they are made: a single
// INSERT … SELECT over an Arrow stream, which DuckDB reads on a goroutine of
// its own while the caller builds the next batch. Nothing is committed
// until the transaction is.
type Stream struct {
	ch     chan arrow.RecordBatch
	abort  chan struct{}
	done   chan struct{} // closed when the INSERT has ended
	err    error         // the INSERT's, once done is closed
	closed bool
}

// errAborted ends the INSERT of a stream its caller gave up on.
var errAborted = errors.New("the load was stopped")

// Stream starts loading rows of schema into table. Every Stream must end
// with Close (the rows are in) or Abort (they are not), before anything else
// runs in the transaction.
func (tx *Tx) Stream(table string, schema *arrow.Schema) *Stream {
	s := &Stream{ch: make(chan arrow.RecordBatch, StreamDepth), abort: make(chan struct{}), done: make(chan struct{})}
	r := &chanReader{schema: schema, s: s}
	r.refs.Store(1)
	tx.n++
	view := fmt.Sprintf("obs_arrow_%d", tx.n)
	go func() {
		defer close(s.done)
		s.err = tx.Conn.Raw(func(dc any) error {
			ar, err := duckdb.NewArrowFromConn(dc.(driver.Conn))
			if err != nil {
				return err
			}
			release, err := ar.RegisterView(r, view)
			if err != nil {
				return err
			}
			defer release()
			ex := dc.(driver.ExecerContext)
			if _, err := ex.ExecContext(tx.ctx, fmt.Sprintf(appendSQL, table, view), nil); err != nil {
				if r.err != nil {
					return r.err
				}
				return fmt.Errorf("loading %s: %w", table, err)
			}
			_, err = ex.ExecContext(tx.ctx, fmt.Sprintf(dropViewSQL, view), nil)
			return err
		})
	}()
	return s
}

// Send hands a record batch to the stream, which releases it once loaded.
// It waits while StreamDepth batches wait to be read. An error means the
// INSERT failed (or stopped) and the stream is over.
func (s *Stream) Send(rec arrow.RecordBatch) error {
	if rec == nil {
		return nil
	}
	select {
	case s.ch <- rec:
		return nil
	case <-s.done:
		rec.Release()
		return s.finish()
	}
}

// Close ends the stream and waits for DuckDB to have inserted every row.
func (s *Stream) Close() error {
	if !s.closed {
		s.closed = true
		close(s.ch)
	}
	return s.finish()
}

// Abort stops the stream, leaving the INSERT failed (the transaction must
// then roll back), and waits for it to end. After Close it does nothing.
func (s *Stream) Abort() {
	if s.closed {
		return
	}
	s.closed = true
	close(s.abort)
	close(s.ch)
	s.finish()
}

// finish waits for the INSERT and releases batches it did not read.
func (s *Stream) finish() error {
	<-s.done
	for {
		select {
		case rec, ok := <-s.ch:
			if !ok {
				return s.err
			}
			rec.Release()
		default:
			return s.err
		}
	}
}

// chanReader is the Arrow record reader DuckDB scans: the batches sent to
// a Stream, in order, until it is closed or aborted.
type chanReader struct {
	schema *arrow.Schema
	s      *Stream
	cur    arrow.RecordBatch
	err    error
	refs   atomic.Int64
}

func (r *chanReader) Retain() { r.refs.Add(1) }
func (r *chanReader) Release() {
	if r.refs.Add(-1) == 0 && r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
}
func (r *chanReader) Schema() *arrow.Schema          { return r.schema }
func (r *chanReader) RecordBatch() arrow.RecordBatch { return r.cur }
func (r *chanReader) Record() arrow.RecordBatch      { return r.cur }
func (r *chanReader) Err() error                     { return r.err }

func (r *chanReader) Next() bool {
	if r.cur != nil {
		r.cur.Release()
		r.cur = nil
	}
	select {
	case <-r.s.abort:
		r.err = errAborted
		return false
	case rec, ok := <-r.s.ch:
		select {
		case <-r.s.abort:
			if ok {
				rec.Release()
			}
			r.err = errAborted
			return false
		default:
		}
		if !ok {
			return false
		}
		r.cur = rec
		return true
	}
}
