package tabular

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/arrow/memory"
	"github.com/apache/arrow-go/v18/parquet/file"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	_ "github.com/duckdb/duckdb-go/v2"
	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

var update = flag.Bool("update", false, "rewrite golden files in testdata/")

// fixture is a result with every kind of value an evaluator meets, and text
// that would be a formula in a spreadsheet.
const fixture = `SELECT * FROM (VALUES
	(1, 'birchfield', 'Birchfield', 12.5, 2021, DATE '2021-04-03', TIMESTAMP '2021-04-03 10:30:00', true,  '=HYPERLINK("http://x","y")', -3, 1.25::DECIMAL(9,2), ['a','b']),
	(2, 'hanwell',    'Hanwell',    NULL, 2022, NULL,              NULL,                           false, '-2+3',                        NULL, NULL, NULL),
	(3, 'westfield',  'Westfield',  0.1,  NULL, DATE '2022-01-31', NULL,                           NULL,  '@SUM(A1)',                    0, 0.5::DECIMAL(9,2), []),
	(4, 'three-parishes', 'Three Parishes', 7, 2023, NULL, NULL, NULL, E'\tTAB', 4, NULL, NULL),
	(5, 'bountagu', 'Bountagu', 8, 2023, NULL, NULL, NULL, E'line one\nline two', 5, NULL, NULL)
) t(n, area_id, name, score, period, event_date, loaded, resident, note, delta, amount, tags) ORDER BY n`

func testDB(t *testing.T) *sql.DB {
	t.Helper()
	db, err := sql.Open("duckdb", "")
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { db.Close() })
	return db
}

// queryTable is the whole result of query.
func queryTable(t *testing.T, db *sql.DB, query string) *Table {
	t.Helper()
	rows, err := db.Query(query)
	if err != nil {
		t.Fatal(err)
	}
	tab, _, err := FromRows(rows, 0)
	if err != nil {
		t.Fatal(err)
	}
	return tab
}

func fixtureTable(t *testing.T, db *sql.DB) *Table {
	t.Helper()
	rows, err := db.Query(fixture)
	if err != nil {
		t.Fatal(err)
	}
	tab, truncated, err := FromRows(rows, 0)
	if err != nil || truncated {
		t.Fatal(err, truncated)
	}
	return tab
}

func TestSafeCell(t *testing.T) {
	for _, c := range []struct{ in, want string }{
		{"", ""},
		{"Birchfield", "Birchfield"},
		{"=1+1", "'=1+1"},
		{"+44 20", "'+44 20"},
		{"-3", "'-3"},
		{"@SUM(A1)", "'@SUM(A1)"},
		{"\tx", "'\tx"},
		{"\rx", "'\rx"},
		{"\nx", "'\nx"},
		{"a=b", "a=b"},
		{" =x", " =x"},
		{"'=x", "'=x"},
	} {
		if got := SafeCell(c.in); got != c.want {
			t.Errorf("SafeCell(%q) = %q, want %q", c.in, got, c.want)
		}
	}
}

func TestFromRowsLimit(t *testing.T) {
	db := testDB(t)
	rows, err := db.Query("SELECT * FROM range(10)")
	if err != nil {
		t.Fatal(err)
	}
	tab, truncated, err := FromRows(rows, 3)
	if err != nil {
		t.Fatal(err)
	}
	if len(tab.Rows) != 3 || !truncated {
		t.Fatalf("rows %d truncated %v, want 3 true", len(tab.Rows), truncated)
	}
	rows, _ = db.Query("SELECT * FROM range(3)")
	if tab, truncated, _ = FromRows(rows, 3); len(tab.Rows) != 3 || truncated {
		t.Fatalf("rows %d truncated %v, want 3 false", len(tab.Rows), truncated)
	}
}

func TestCSV(t *testing.T) {
	tab := fixtureTable(t, testDB(t))
	var buf bytes.Buffer
	if err := Write(&buf, tab, "csv"); err != nil {
		t.Fatal(err)
	}
	recs, err := csv.NewReader(&buf).ReadAll()
	if err != nil {
		t.Fatal(err)
	}
	if len(recs) != 6 || strings.Join(recs[0], ",") != strings.Join(tab.Columns, ",") {
		t.Fatalf("header/rows: %q", recs)
	}
	want := []string{"1", "birchfield", "Birchfield", "12.5", "2021", "2021-04-03", "2021-04-03 10:30:00", "true", `'=HYPERLINK("http://x","y")`, "-3", "1.25", `["a","b"]`}
	if got := recs[1]; strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("row 1\n got %q\nwant %q", got, want)
	}
	// NULL is an empty cell, never 0; injection prefixed in text only.
	if got := recs[2]; got[3] != "" || got[5] != "" || got[8] != "'-2+3" || got[9] != "" {
		t.Errorf("row 2: %q", got)
	}
	if recs[3][8] != "'@SUM(A1)" || recs[4][8] != "'\tTAB" || recs[5][8] != "line one\nline two" {
		t.Errorf("injection: %q %q %q", recs[3][8], recs[4][8], recs[5][8])
	}
	for _, rec := range recs[1:] {
		for _, cell := range rec {
			if cell != "" && strings.ContainsRune("=+@\t\r\n", rune(cell[0])) {
				t.Errorf("cell %q starts with a formula character", cell)
			}
		}
	}
}

func TestJSON(t *testing.T) {
	tab := fixtureTable(t, testDB(t))
	var buf bytes.Buffer
	if err := Write(&buf, tab, "json"); err != nil {
		t.Fatal(err)
	}
	var got []map[string]any
	if err := json.Unmarshal(buf.Bytes(), &got); err != nil {
		t.Fatalf("%v\n%s", err, buf.String())
	}
	if len(got) != 5 {
		t.Fatalf("%d objects", len(got))
	}
	r := got[0]
	if r["n"] != 1.0 || r["score"] != 12.5 || r["event_date"] != "2021-04-03" || r["loaded"] != "2021-04-03T10:30:00" ||
		r["resident"] != true || r["note"] != `=HYPERLINK("http://x","y")` || r["amount"] != 1.25 || len(r["tags"].([]any)) != 2 {
		t.Errorf("row 1: %v", r)
	}
	if v, ok := got[1]["score"]; !ok || v != nil {
		t.Errorf("NULL score: %v %v", v, ok)
	}
	// Key order follows the columns.
	if !strings.HasPrefix(strings.TrimSpace(strings.Split(buf.String(), "\n")[1]), `{"n": 1, "area_id": "birchfield"`) {
		t.Errorf("key order: %s", buf.String())
	}
	buf.Reset()
	if err := Write(&buf, &Table{Columns: []string{"x", "x"}}, "json"); err != nil || buf.String() != "[]\n" {
		t.Errorf("empty: %q %v", buf.String(), err)
	}
}

func TestTextGolden(t *testing.T) {
	db := testDB(t)
	for _, c := range []struct{ name, query string }{
		{"fixture", fixture},
		{"narrow", "SELECT area_id, score FROM (" + fixture + ") LIMIT 3"},
		{"empty", "SELECT 1 AS x WHERE false"},
	} {
		tab := queryTable(t, db, c.query)
		var buf bytes.Buffer
		if err := Write(&buf, tab, "table"); err != nil {
			t.Fatal(err)
		}
		golden(t, "text_"+c.name+".golden", buf.Bytes())
	}
}

func TestTextWideIsRecords(t *testing.T) {
	// Twelve columns that cannot be narrowed below their names.
	long := strings.Repeat("x", 50)
	tab := &Table{Rows: [][]any{{}}}
	for i := 0; i < 12; i++ {
		tab.Columns = append(tab.Columns, fmt.Sprintf("column_number_%02d", i))
		tab.Rows[0] = append(tab.Rows[0], long)
	}
	var buf bytes.Buffer
	Write(&buf, tab, "table")
	if !strings.Contains(buf.String(), "── row 1 ──\ncolumn_number_00  "+long+"\n") {
		t.Errorf("wide table not shown as records:\n%s", buf.String())
	}
}

func golden(t *testing.T, name string, got []byte) {
	t.Helper()
	path := filepath.Join("testdata", name)
	if *update {
		os.MkdirAll("testdata", 0o755)
		if err := os.WriteFile(path, got, 0o644); err != nil {
			t.Fatal(err)
		}
		return
	}
	want, err := os.ReadFile(path)
	if err != nil {
		t.Fatalf("%v (run go test -update to create it)", err)
	}
	if !bytes.Equal(got, want) {
		t.Errorf("%s differs (go test -update to accept)\n got:\n%s\nwant:\n%s", name, got, want)
	}
}

func TestXLSX(t *testing.T) {
	tab := fixtureTable(t, testDB(t))
	var buf bytes.Buffer
	if err := Write(&buf, tab, "xlsx"); err != nil {
		t.Fatal(err)
	}
	f, err := excelize.OpenReader(&buf)
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	const sh = "Results"
	panes, err := f.GetPanes(sh)
	if err != nil || !panes.Freeze || panes.YSplit != 1 {
		t.Errorf("header not frozen: %+v %v", panes, err)
	}
	style, _ := f.GetCellStyle(sh, "A1")
	if s, _ := f.GetStyle(style); s == nil || s.Font == nil || !s.Font.Bold {
		t.Errorf("header not bold")
	}
	if w, _ := f.GetColWidth(sh, "I"); w < 20 {
		t.Errorf("note column width %v", w)
	}
	cell := func(ref string) string {
		v, err := f.GetCellValue(sh, ref, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatal(err)
		}
		return v
	}
	typ := func(ref string) excelize.CellType {
		ct, _ := f.GetCellType(sh, ref)
		return ct
	}
	// Numbers stay numbers (negative too), NULL is empty, dates are serials with a date format.
	if cell("A2") != "1" || cell("D2") != "12.5" || cell("J2") != "-3" || cell("K2") != "1.25" {
		t.Errorf("numbers: %q %q %q %q", cell("A2"), cell("D2"), cell("J2"), cell("K2"))
	}
	if typ("J2") == excelize.CellTypeSharedString || typ("J2") == excelize.CellTypeInlineString {
		t.Errorf("-3 written as text")
	}
	if cell("D3") != "" || cell("F3") != "" {
		t.Errorf("NULL not empty: %q %q", cell("D3"), cell("F3"))
	}
	if cell("F2") != "44289" {
		t.Errorf("date serial %q", cell("F2"))
	}
	if v, _ := f.GetCellValue(sh, "F2"); v != "2021-04-03" {
		t.Errorf("date shown as %q", v)
	}
	if v, _ := f.GetCellValue(sh, "E2"); v != "2021" {
		t.Errorf("period shown as %q", v)
	}
	// Formula injection: text prefixed, and no cell holds a formula.
	for ref, want := range map[string]string{"I2": `'=HYPERLINK("http://x","y")`, "I3": "'-2+3", "I4": "'@SUM(A1)", "I5": "'\tTAB"} {
		if got := cell(ref); got != want {
			t.Errorf("%s = %q, want %q", ref, got, want)
		}
		if fm, _ := f.GetCellFormula(sh, ref); fm != "" {
			t.Errorf("%s holds formula %q", ref, fm)
		}
	}
	rows, _ := f.GetRows(sh)
	if len(rows) != 6 {
		t.Errorf("%d rows", len(rows))
	}
}

func TestSheetName(t *testing.T) {
	if got := SheetName("Voices: excerpts [by code] over a long time"); got != "Voices- excerpts -by code- over" {
		t.Errorf("%q", got)
	}
}

func TestParquetAndArrowRoundTrip(t *testing.T) {
	db := testDB(t)
	q := "SELECT * EXCLUDE (tags) FROM (" + fixture + ") WHERE n <= $max"
	args := []any{sql.Named("max", 4)}

	var pq bytes.Buffer
	if err := WriteQuery(context.Background(), db, q, args, &pq, "parquet"); err != nil {
		t.Fatal(err)
	}
	rdr, err := file.NewParquetReader(bytes.NewReader(pq.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	fr, err := pqarrow.NewFileReader(rdr, pqarrow.ArrowReadProperties{}, memory.DefaultAllocator)
	if err != nil {
		t.Fatal(err)
	}
	tbl, err := fr.ReadTable(context.Background())
	if err != nil {
		t.Fatal(err)
	}
	defer tbl.Release()
	if tbl.NumRows() != 4 || tbl.NumCols() != 11 || tbl.Schema().Field(8).Name != "note" {
		t.Fatalf("parquet: %d rows %d cols %v", tbl.NumRows(), tbl.NumCols(), tbl.Schema())
	}
	note := tbl.Column(8).Data().Chunk(0).(*array.String)
	if note.Value(0) != `=HYPERLINK("http://x","y")` {
		t.Errorf("parquet keeps values as they are: %q", note.Value(0))
	}
	// DuckDB reads it back too.
	path := filepath.Join(t.TempDir(), "r.parquet")
	os.WriteFile(path, pq.Bytes(), 0o644)
	var n int
	var sum float64
	if err := db.QueryRow("SELECT count(*), sum(score) FROM read_parquet(?)", path).Scan(&n, &sum); err != nil || n != 4 || sum != 19.6 {
		t.Errorf("read_parquet: %d %v %v", n, sum, err)
	}

	var ar bytes.Buffer
	if err := WriteQuery(context.Background(), db, fixture, nil, &ar, "arrow"); err != nil {
		t.Fatal(err)
	}
	ir, err := ipc.NewFileReader(bytes.NewReader(ar.Bytes()))
	if err != nil {
		t.Fatal(err)
	}
	defer ir.Close()
	rows := 0
	for i := 0; i < ir.NumRecords(); i++ {
		rec, err := ir.RecordBatch(i)
		if err != nil {
			t.Fatal(err)
		}
		rows += int(rec.NumRows())
	}
	if rows != 5 || ir.Schema().NumFields() != 12 {
		t.Errorf("arrow: %d rows, schema %v", rows, ir.Schema())
	}
}

// Parquet and Arrow work on the read-only store, where external access is
// disabled and COPY TO a file is not allowed.
func TestParquetReadOnlyStore(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "obs.duckdb")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	s.Close()
	ro, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	for _, format := range Formats() {
		var buf bytes.Buffer
		if err := WriteQuery(ctx, ro.DB, "SELECT * FROM areas ORDER BY area_id", nil, &buf, format); err != nil {
			t.Errorf("%s: %v", format, err)
		}
		if buf.Len() == 0 {
			t.Errorf("%s: nothing written", format)
		}
	}
}

func TestUnknownFormat(t *testing.T) {
	err := Write(&bytes.Buffer{}, &Table{}, "pdf")
	if err == nil || !strings.Contains(err.Error(), "table, csv, json, xlsx, parquet, arrow") {
		t.Errorf("%v", err)
	}
}

// closeRecorder is a writer that notes being closed.
type closeRecorder struct {
	bytes.Buffer
	closed bool
}

func (c *closeRecorder) Close() error { c.closed = true; return nil }

// Writing Parquet or Arrow never closes the caller's writer (it may be
// standard output, or a file the caller renames).
func TestWriteQueryLeavesWriterOpen(t *testing.T) {
	db := testDB(t)
	for _, format := range []string{"parquet", "arrow"} {
		var w closeRecorder
		if err := WriteQuery(context.Background(), db, "SELECT 1 AS x", nil, &w, format); err != nil || w.closed || w.Len() == 0 {
			t.Errorf("%s: err %v, closed %v, %d bytes", format, err, w.closed, w.Len())
		}
	}
}

// Every table and view the store creates is in the export (a table added to
// schemas is exported without touching this package).
func TestExportCoversEveryTable(t *testing.T) {
	ctx := context.Background()
	s, err := store.Open(ctx, filepath.Join(t.TempDir(), "obs.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	exported := map[string]bool{}
	for _, et := range ExportTables(true) {
		exported[et.Name] = true
	}
	rows, err := s.DB.Query(`SELECT table_name FROM duckdb_tables() WHERE NOT temporary AND NOT internal
		UNION SELECT view_name FROM duckdb_views() WHERE NOT temporary AND NOT internal`)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	for rows.Next() {
		var name string
		rows.Scan(&name)
		if !exported[name] {
			t.Errorf("table %s is not exported", name)
		}
	}
}

// A table a little too wide has its widest text cut rather than turning
// into records.
func TestTextNarrowsLongText(t *testing.T) {
	long := strings.Repeat("word ", 20)
	tab := &Table{Columns: []string{"area", "note", "n"}, Rows: [][]any{{"Radstock and Westfield", long + long, 1.0}}}
	tab.Columns = append(tab.Columns, "a_long_column_name_1", "a_long_column_name_2", "a_long_column_name_3")
	tab.Rows[0] = append(tab.Rows[0], 1, 2, 3)
	var buf bytes.Buffer
	Write(&buf, tab, "table")
	lines := strings.Split(buf.String(), "\n")
	if strings.Contains(buf.String(), "── row 1") || runes(lines[2]) > maxWidth || !strings.Contains(lines[2], "…") {
		t.Errorf("not narrowed:\n%s", buf.String())
	}
}

// The readable area and period headers in the dictionary are those the
// ingesters accept.
func TestDictionaryHeadersMatchSchemas(t *testing.T) {
	for _, k := range schemas.Kinds() {
		if k.Reference {
			continue
		}
		accepted := k.Aliases()
		check := func(canon string, headers []string) {
			for folded, to := range accepted {
				if to == canon {
					found := false
					for _, h := range headers {
						found = found || schemas.Norm(h) == folded
					}
					if !found {
						t.Errorf("%s accepts %q for %s; add it to the dictionary's list", k.Name, folded, canon)
					}
				}
			}
			for _, h := range headers {
				if accepted[schemas.Norm(h)] != canon {
					t.Errorf("%s does not accept %q for %s", k.Name, h, canon)
				}
			}
		}
		check("area", areaHeaders)
		if k.HasPeriod {
			check("period", periodHeaders)
		}
	}
}

func TestUnusualTypes(t *testing.T) {
	db := testDB(t)
	tab := queryTable(t, db, `SELECT MAP {'k': 1, 'a': 2} AS m, 1::HUGEINT AS h, INTERVAL 3 DAY AS iv, 'blob'::BLOB AS b`)
	var buf bytes.Buffer
	Write(&buf, tab, "json")
	if want := `{"m": {"k":1,"a":2}, "h": 1, "iv": "3 days", "b": "\\x626c6f62"}`; !strings.Contains(buf.String(), want) {
		t.Errorf("json %s, want %s", buf.String(), want)
	}
	err := WriteQuery(context.Background(), db, "SELECT INTERVAL 3 DAY AS gap", nil, &bytes.Buffer{}, "parquet")
	if err == nil || !strings.Contains(err.Error(), "column gap, an interval") {
		t.Errorf("interval to parquet: %v", err)
	}
}
