package ingest

import (
	"context"
	"os"
	"path/filepath"
	"sync"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/sample"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// benchRows is the size of the benchmark's events workbook.
const benchRows = 200000

var (
	benchOnce sync.Once
	benchFile string
)

// benchWorkbook writes the 200,000-row events workbook once per run (in
// $OBS_BENCH_DIR when set, so the bench script can reuse it).
func benchWorkbook(b *testing.B) string {
	benchOnce.Do(func() {
		dir := os.Getenv("OBS_BENCH_DIR")
		if dir == "" {
			dir = os.TempDir()
		}
		benchFile = filepath.Join(dir, "events-200k.xlsx")
		if _, err := os.Stat(benchFile); err == nil {
			return
		}
		if err := sample.LargeEvents(benchFile, benchRows, 1); err != nil {
			b.Fatal(err)
		}
	})
	return benchFile
}

// BenchmarkBareParse is the floor: excelize's streaming Rows() with raw
// values over the same file, doing nothing with the cells.
func BenchmarkBareParse(b *testing.B) {
	path := benchWorkbook(b)
	b.ReportAllocs()
	for b.Loop() {
		f, err := excelize.OpenFile(path)
		if err != nil {
			b.Fatal(err)
		}
		rows, err := f.Rows(f.GetSheetList()[0])
		if err != nil {
			b.Fatal(err)
		}
		n := 0
		for rows.Next() {
			cells, err := rows.Columns(excelize.Options{RawCellValue: true})
			if err != nil {
				b.Fatal(err)
			}
			n += len(cells)
		}
		rows.Close()
		f.Close()
		if n == 0 {
			b.Fatal("no cells read")
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkIngest is the whole ingest of the same file: parse, validate,
// pseudonymise, load into DuckDB through Arrow, commit.
func BenchmarkIngest(b *testing.B) {
	path := benchWorkbook(b)
	dir := b.TempDir()
	kr, err := privacy.Open(filepath.Join(dir, "key"))
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	i := 0
	for b.Loop() {
		i++
		st, err := store.Open(context.Background(), filepath.Join(dir, "b"+string(rune('a'+i%26))+".duckdb"))
		if err != nil {
			b.Fatal(err)
		}
		r, err := File(context.Background(), st, path, Options{Keyring: kr})
		st.Close()
		if err != nil || r.Refused != nil || r.Loaded != benchRows {
			b.Fatalf("%v %v loaded %d", err, r.Refused, r.Loaded)
		}
		os.Remove(st.Path)
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}
