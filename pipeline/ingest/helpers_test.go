package ingest

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// sheetData is a sheet to write: its name and rows of cells. A cell may be a
// string, a number, or nil (empty).
type sheetData struct {
	name string
	rows [][]any
}

// writeXLSX writes a workbook made in the test.
func writeXLSX(t testing.TB, path string, sheets ...sheetData) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	for i, s := range sheets {
		if i == 0 {
			f.SetSheetName("Sheet1", s.name)
		} else if _, err := f.NewSheet(s.name); err != nil {
			t.Fatal(err)
		}
		for r, row := range s.rows {
			for c, v := range row {
				if v == nil {
					continue
				}
				cell, _ := excelize.CoordinatesToCellName(c+1, r+1)
				if err := f.SetCellValue(s.name, cell, v); err != nil {
					t.Fatal(err)
				}
			}
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// env is a fresh database and key for one test.
type env struct {
	t   testing.TB
	dir string
	st  *store.Store
	opt Options
}

func newEnv(t testing.TB) *env {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "obs.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	kr, err := privacy.Open(filepath.Join(dir, "key", "pseudonym.key"))
	if err != nil {
		t.Fatal(err)
	}
	return &env{t: t, dir: dir, st: st, opt: Options{Keyring: kr, User: "tester"}}
}

func (e *env) path(name string) string { return filepath.Join(e.dir, name) }

func (e *env) load(path string) *Result {
	e.t.Helper()
	r, err := File(context.Background(), e.st, path, e.opt)
	if err != nil {
		e.t.Fatalf("load %s: %v", path, err)
	}
	return r
}

func (e *env) count(q string, args ...any) int {
	e.t.Helper()
	var n int
	if err := e.st.DB.QueryRow(q, args...).Scan(&n); err != nil {
		e.t.Fatalf("%s: %v", q, err)
	}
	return n
}

func writeFile(t testing.TB, path string, data []byte) string {
	t.Helper()
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	return path
}

// textColumns lists the database's text columns as [table, column]: those
// of views too, unless tablesOnly.
func textColumns(t *testing.T, e *env, tablesOnly bool) [][2]string {
	t.Helper()
	q := `SELECT table_name, column_name FROM information_schema.columns
		WHERE data_type = 'VARCHAR' AND table_schema = 'main'`
	if tablesOnly {
		q += ` AND table_name NOT IN (SELECT view_name FROM duckdb_views())`
	}
	rows, err := e.st.DB.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	var cols [][2]string
	for rows.Next() {
		var tb, c string
		rows.Scan(&tb, &c)
		cols = append(cols, [2]string{tb, c})
	}
	rows.Close()
	return cols
}
