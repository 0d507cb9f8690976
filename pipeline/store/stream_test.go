package store

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"testing"
	"time"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/ourbiggerstory/obs/schemas"
)

// fill adds n rows of made-up values to b, one for every stored column.
func fill(b *Batch, cols []schemas.Column, from, n int) {
	day := time.Date(2021, 4, 1, 0, 0, 0, 0, time.UTC)
	for r := from; r < from+n; r++ {
		for i, c := range cols {
			switch c.Type.ArrowType().ID() {
			case schemas.Count.ArrowType().ID():
				b.Int(i, int64(r%97))
			case schemas.Number.ArrowType().ID():
				b.Float(i, float64(r%1000)/4)
			case schemas.Date.ArrowType().ID():
				b.Date(i, day.AddDate(0, 0, r%365))
			case schemas.Bool.ArrowType().ID():
				b.Bool(i, r%2 == 0)
			case schemas.ReportingYear.ArrowType().ID():
				b.Int32(i, 2021)
			default:
				b.String(i, fmt.Sprintf("%s %d", c.Name, r%5000))
			}
		}
		b.EndRow()
	}
}

// streamRows loads n rows of kind k through a Stream, batches of size rows.
func streamRows(tx *Tx, k *schemas.Kind, n, size int) error {
	cols := k.StoredColumns()
	b := NewBatch(cols)
	defer b.Close()
	s := tx.Stream(k.HistoryTable(), b.Schema)
	defer s.Abort()
	for i := 0; i < n; i += size {
		fill(b, cols, i, min(size, n-i))
		if err := s.Send(b.Cut()); err != nil {
			return err
		}
	}
	return s.Close()
}

func TestStream(t *testing.T) {
	ctx := context.Background()
	st, err := Open(ctx, filepath.Join(t.TempDir(), "s.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	k := schemas.KindByName("events")
	if err := st.InTx(ctx, func(tx *Tx) error { return streamRows(tx, k, 50000, 4096) }); err != nil {
		t.Fatal(err)
	}
	if n := count(t, st, k.HistoryTable()); n != 50000 {
		t.Fatalf("%d rows after streaming 50,000", n)
	}
	// A stream given up on half way leaves nothing once the transaction rolls back.
	stop := errors.New("given up")
	err = st.InTx(ctx, func(tx *Tx) error {
		cols := k.StoredColumns()
		b := NewBatch(cols)
		defer b.Close()
		s := tx.Stream(k.HistoryTable(), b.Schema)
		fill(b, cols, 0, 1000)
		if err := s.Send(b.Cut()); err != nil {
			return err
		}
		s.Abort()
		return stop
	})
	if !errors.Is(err, stop) {
		t.Fatalf("the aborted load gave %v", err)
	}
	if n := count(t, st, k.HistoryTable()); n != 50000 {
		t.Fatalf("%d rows after an aborted stream, want the 50,000 before", n)
	}
	// A batch that does not fit the table fails the stream, and Send says so.
	err = st.InTx(ctx, func(tx *Tx) error {
		b := NewBatch(k.StoredColumns())
		defer b.Close()
		s := tx.Stream("no_such_table", b.Schema)
		defer s.Abort()
		for i := 0; i < 10; i++ {
			fill(b, k.StoredColumns(), 0, 10)
			if err := s.Send(b.Cut()); err != nil {
				return err
			}
		}
		return s.Close()
	})
	if err == nil {
		t.Fatal("loading into a missing table succeeded")
	}
}

// BenchmarkLoadRows measures the ways of putting 200,000 events rows into
// DuckDB in one transaction, each on a new database and including the
// commit and the close (checkpoint and reading copy): one INSERT per batch
// (Append) against one INSERT over a stream, at two batch sizes. The
// batches are made before the clock starts; the metrics split the time into
// loading, committing and closing.
func BenchmarkLoadRows(b *testing.B) {
	const n = 200000
	k := schemas.KindByName("events")
	made := map[int][]arrow.RecordBatch{}
	var schema *arrow.Schema
	for _, size := range []int{16384, 122880} {
		bt := NewBatch(k.StoredColumns())
		for i := 0; i < n; i += size {
			fill(bt, k.StoredColumns(), i, min(size, n-i))
			made[size] = append(made[size], bt.Cut())
		}
		schema = bt.Schema
		bt.Close()
		defer Release(made[size])
	}
	perBatch := func(size int) func(tx *Tx) error {
		return func(tx *Tx) error {
			for _, rec := range made[size] {
				if err := tx.Append(k.HistoryTable(), schema, rec); err != nil {
					return err
				}
			}
			return nil
		}
	}
	stream := func(size int) func(tx *Tx) error {
		return func(tx *Tx) error {
			s := tx.Stream(k.HistoryTable(), schema)
			defer s.Abort()
			for _, rec := range made[size] {
				rec.Retain() // the stream releases what it is sent
				if err := s.Send(rec); err != nil {
					return err
				}
			}
			return s.Close()
		}
	}
	for _, c := range []struct {
		name string
		load func(tx *Tx) error
	}{
		{"append-16384", perBatch(16384)},
		{"append-122880", perBatch(122880)},
		{"stream-16384", stream(16384)},
		{"stream-122880", stream(122880)},
	} {
		b.Run(c.name, func(b *testing.B) {
			ctx := context.Background()
			var load, commit, closing time.Duration
			for b.Loop() {
				path := filepath.Join(b.TempDir(), "b.duckdb")
				st, err := Open(ctx, path)
				if err != nil {
					b.Fatal(err)
				}
				t0 := time.Now()
				var t1 time.Time
				err = st.InTx(ctx, func(tx *Tx) error {
					err := c.load(tx)
					t1 = time.Now()
					return err
				})
				t2 := time.Now()
				if err == nil {
					err = st.Close()
				}
				if err != nil {
					b.Fatal(err)
				}
				load, commit, closing = load+t1.Sub(t0), commit+t2.Sub(t1), closing+time.Since(t2)
			}
			ms := func(d time.Duration) float64 { return float64(d.Milliseconds()) / float64(b.N) }
			b.ReportMetric(ms(load), "load-ms")
			b.ReportMetric(ms(commit), "commit-ms")
			b.ReportMetric(ms(closing), "close-ms")
		})
	}
}
