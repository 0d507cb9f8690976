package store

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/ourbiggerstory/obs/schemas"
)

func TestOpenCreatesTablesAndAreas(t *testing.T) {
	ctx := context.Background()
	s, err := Open(ctx, filepath.Join(t.TempDir(), "t.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	var n int
	if err := s.DB.QueryRow("SELECT count(*) FROM areas").Scan(&n); err != nil {
		t.Fatal(err)
	}
	if n != len(schemas.OurBiggerStoryAreas) {
		t.Fatalf("areas = %d, want %d", n, len(schemas.OurBiggerStoryAreas))
	}
	for _, k := range schemas.Kinds() {
		if err := s.DB.QueryRow("SELECT count(*) FROM " + k.Name).Scan(&n); err != nil {
			t.Errorf("table %s: %v", k.Name, err)
		}
	}
}

func TestAppendArrowInTransaction(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.duckdb")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	k := schemas.KindByName("events")
	cols := k.StoredColumns()
	load := func(rows int, fail bool) error {
		return s.InTx(ctx, func(tx *Tx) error {
			b := NewBatch(cols)
			defer b.Close()
			for r := 0; r < rows; r++ {
				for i, c := range cols {
					switch c.Name {
					case "load_id", "source_row":
						b.Int(i, int64(r))
					case "area_id":
						b.String(i, "birchfield")
					case "period":
						b.Int32(i, 2020)
					case "event_date":
						b.Date(i, time.Date(2020, 5, 1, 0, 0, 0, 0, time.UTC))
					case "attendees":
						b.Int(i, int64(r%50))
					default:
						b.Null(i)
					}
				}
				b.EndRow()
				if b.Full() {
					rec := b.Cut()
					err := tx.Append(k.HistoryTable(), b.Schema, rec)
					rec.Release()
					if err != nil {
						return err
					}
				}
			}
			rec := b.Cut()
			if rec != nil {
				defer rec.Release()
			}
			if err := tx.Append(k.HistoryTable(), b.Schema, rec); err != nil {
				return err
			}
			if fail {
				return context.Canceled
			}
			return nil
		})
	}
	if err := load(BatchRows*2+7, false); err != nil {
		t.Fatal(err)
	}
	if err := load(100, true); err == nil {
		t.Fatal("want the failing load's error")
	}
	var n, sum int
	var d time.Time
	if err := s.DB.QueryRow("SELECT count(*), sum(attendees)::BIGINT, min(event_date) FROM events").Scan(&n, &sum, &d); err != nil {
		t.Fatal(err)
	}
	if n != BatchRows*2+7 {
		t.Errorf("rows = %d, want %d (the failed load must leave nothing)", n, BatchRows*2+7)
	}
	want := 0
	for r := 0; r < n; r++ {
		want += r % 50
	}
	if sum != want || d.Format("2006-01-02") != "2020-05-01" {
		t.Errorf("sum %d date %v, want %d 2020-05-01", sum, d, want)
	}
}
