package ingest

import (
	"context"
	"encoding/csv"
	"errors"
	"io"
	"os"
	"path/filepath"
	"strings"
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

// BenchmarkUnzip is the floor under any reader: decompressing the same
// file's worksheet, doing nothing with the bytes.
func BenchmarkUnzip(b *testing.B) {
	path := benchWorkbook(b)
	b.ReportAllocs()
	for b.Loop() {
		wb, err := openXLSXFast(path, DefaultLimits)
		if err != nil {
			b.Fatal(err)
		}
		rc, err := wb.part(wb.paths[wb.Sheets()[0]])
		if err != nil {
			b.Fatal(err)
		}
		n, err := io.Copy(io.Discard, rc)
		rc.Close()
		wb.Close()
		if err != nil || n == 0 {
			b.Fatalf("%d bytes: %v", n, err)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// BenchmarkReader is obs's worksheet reader over the same file: every
// row's raw values, doing nothing with them.
func BenchmarkReader(b *testing.B) {
	path := benchWorkbook(b)
	b.ReportAllocs()
	for b.Loop() {
		n := 0
		if err := eachRow(path, func(row []string) { n += len(row) }); err != nil || n == 0 {
			b.Fatalf("%d cells: %v", n, err)
		}
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// eachRow gives each row of a workbook's first sheet to fn.
func eachRow(path string, fn func(row []string)) error {
	wb, err := openXLSXFast(path, DefaultLimits)
	if err != nil {
		return err
	}
	defer wb.Close()
	sh, err := wb.Open(wb.Sheets()[0])
	if err != nil {
		return err
	}
	defer sh.Close()
	for sh.Next() {
		fn(sh.Row())
	}
	return sh.Err()
}

// BenchmarkDuckDBCSV is the yardstick: DuckDB alone loading the same rows
// from CSV (CREATE TABLE … AS SELECT * FROM read_csv(…)) into a new obs
// database, opened and closed as obs ingest opens and closes it. The CSV is
// written once from the workbook, every cell as the reader gives it.
func BenchmarkDuckDBCSV(b *testing.B) {
	path := benchWorkbook(b)
	csvPath := strings.TrimSuffix(path, ".xlsx") + ".csv"
	if _, err := os.Stat(csvPath); err != nil {
		if err := workbookCSV(path, csvPath); err != nil {
			b.Fatal(err)
		}
	}
	dir := b.TempDir()
	b.ReportAllocs()
	for b.Loop() {
		st, err := store.Open(context.Background(), filepath.Join(dir, "csv.duckdb"))
		if err != nil {
			b.Fatal(err)
		}
		var n int
		_, err = st.DB.Exec("CREATE TABLE events_csv AS SELECT * FROM read_csv('" + csvPath + "')")
		if err == nil {
			err = st.DB.QueryRow("SELECT count(*) FROM events_csv").Scan(&n)
		}
		if cerr := st.Close(); err == nil {
			err = cerr
		}
		if err != nil || n != benchRows {
			b.Fatalf("%d rows: %v", n, err)
		}
		os.Remove(st.Path)
		os.Remove(store.ReadCopy(st.Path))
	}
	b.ReportMetric(float64(benchRows*b.N)/b.Elapsed().Seconds(), "rows/s")
}

// workbookCSV writes a workbook's first sheet as CSV.
func workbookCSV(xlsx, out string) error {
	f, err := os.Create(out)
	if err != nil {
		return err
	}
	w := csv.NewWriter(f)
	width := 0
	err = eachRow(xlsx, func(row []string) {
		if width == 0 {
			width = len(row)
		}
		full := make([]string, width)
		copy(full, row)
		w.Write(full)
	})
	w.Flush()
	if err := errors.Join(err, w.Error()); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
