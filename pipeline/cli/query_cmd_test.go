package cli

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

// seededDB makes a database with store.Open and the query package's test
// seed (two areas, two years, results), and returns its path.
func seededDB(t *testing.T) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "obs.duckdb")
	s, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	seed, err := os.ReadFile("../query/testdata/seed.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.Exec(string(seed)); err != nil {
		t.Fatal(err)
	}
	return path
}

// obs runs obs in-process with stdin and returns its exit status, stdout
// and stderr.
func obs(t *testing.T, stdin string, args ...string) (int, string, string) {
	t.Helper()
	var out, errb bytes.Buffer
	code := Run(context.Background(), args, strings.NewReader(stdin), &out, &errb)
	return code, out.String(), errb.String()
}

func TestQueryByNameWithParam(t *testing.T) {
	db := seededDB(t)
	code, out, errs := obs(t, "", "query", "--db", db, "partnership_composition", "--param", "area=Hanwell", "--format", "csv")
	if code != 0 {
		t.Fatalf("exit %d: %s", code, errs)
	}
	recs, err := csv.NewReader(strings.NewReader(out)).ReadAll()
	if err != nil || len(recs) != 2 {
		t.Fatalf("%v\n%s", err, out)
	}
	if got := strings.Join(recs[1][:9], ","); got != "Hanwell,hanwell,2021-22,6,5,3,60,1,20" {
		t.Errorf("got %s", got)
	}
	// The table format, for a person.
	code, out, _ = obs(t, "", "query", "--db", db, "models", "--param", "period=2022-23")
	if code != 0 || !strings.Contains(out, "hybrid 1+2") || !strings.Contains(out, "(2 rows)") {
		t.Errorf("exit %d:\n%s", code, out)
	}
}

func TestQueryFromFileAndStdin(t *testing.T) {
	db := seededDB(t)
	file := filepath.Join(t.TempDir(), "members.sql")
	os.WriteFile(file, []byte(`-- description: members of one area
-- param: area area required the area
SELECT member FROM partnership WHERE area_id = $area ORDER BY member
`), 0o644)
	code, out, errs := obs(t, "", "query", "--db", db, file, "--param", "area=birchfield", "--format", "csv")
	if code != 0 || out != "member\nP-B1\nP-B1\nP-B2\nP-B3\n" {
		t.Errorf("file: exit %d %q %s", code, out, errs)
	}
	code, out, errs = obs(t, "SELECT count(*) AS n FROM areas WHERE region = $region", "query", "--db", db, "-", "--param", "region=London", "--format", "json")
	var got []map[string]any
	if code != 0 || json.Unmarshal([]byte(out), &got) != nil || len(got) != 1 || got[0]["n"] != 2.0 {
		t.Errorf("stdin: exit %d %q %s", code, out, errs)
	}
}

func TestQueryEveryFormat(t *testing.T) {
	db := seededDB(t)
	dir := t.TempDir()
	for _, format := range []string{"table", "csv", "json", "xlsx", "parquet", "arrow"} {
		out := filepath.Join(dir, "r."+format)
		// The format comes from --out's extension.
		code, stdout, errs := obs(t, "", "query", "--db", db, "compare_areas", "--param", "resident_def=R2", "--out", out)
		if code != 0 || !strings.Contains(stdout, "written ("+format+")") {
			t.Fatalf("%s: exit %d %s %s", format, code, stdout, errs)
		}
		b, err := os.ReadFile(out)
		if err != nil {
			t.Fatal(err)
		}
		var areas []string
		switch format {
		case "table":
			if !strings.Contains(string(b), "hanwell") || !strings.HasSuffix(string(b), "(2 rows)\n") {
				t.Errorf("table:\n%s", b)
			}
			continue
		case "csv":
			recs, _ := csv.NewReader(bytes.NewReader(b)).ReadAll()
			for _, r := range recs[1:] {
				areas = append(areas, r[2])
			}
		case "json":
			var rows []map[string]any
			json.Unmarshal(b, &rows)
			for _, r := range rows {
				areas = append(areas, r["area_id"].(string))
			}
		case "xlsx":
			f, err := excelize.OpenReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			rows, _ := f.GetRows("Results")
			for _, r := range rows[1:] {
				areas = append(areas, r[2])
			}
			f.Close()
		case "parquet":
			mem, _ := sql.Open("duckdb", "")
			rows, err := mem.Query("SELECT area_id FROM read_parquet(?)", out)
			if err != nil {
				t.Fatal(err)
			}
			for rows.Next() {
				var a string
				rows.Scan(&a)
				areas = append(areas, a)
			}
			rows.Close()
			mem.Close()
		case "arrow":
			r, err := ipc.NewFileReader(bytes.NewReader(b))
			if err != nil {
				t.Fatal(err)
			}
			for i := 0; i < r.NumRecords(); i++ {
				rec, _ := r.RecordBatch(i)
				col := rec.Column(2)
				for j := 0; j < col.Len(); j++ {
					areas = append(areas, col.ValueStr(j))
				}
			}
			r.Close()
		}
		if strings.Join(areas, ",") != "birchfield,hanwell" {
			t.Errorf("%s: areas %v", format, areas)
		}
	}
	// An explicit --format wins over the extension.
	out := filepath.Join(dir, "r.txt")
	if code, _, errs := obs(t, "", "query", "--db", db, "areas", "--format", "csv", "--out", out); code != 0 {
		t.Fatal(errs)
	}
	if b, _ := os.ReadFile(out); !strings.HasPrefix(string(b), "area,area_id,") {
		t.Errorf("csv by flag: %q", b)
	}
}

func TestQueryRefusesWrites(t *testing.T) {
	db := seededDB(t)
	for _, s := range []string{"DELETE FROM areas", "UPDATE areas SET name = 'x'", "DROP TABLE loads", "SELECT 1; DELETE FROM areas"} {
		code, _, errs := obs(t, s, "query", "--db", db, "-")
		if code != ExitFailed || !(strings.Contains(errs, "would change the database") || strings.Contains(errs, "one SELECT statement")) {
			t.Errorf("%s: exit %d %s", s, code, errs)
		}
	}
	code, out, _ := obs(t, "", "query", "--db", db, "areas", "--format", "csv")
	if code != 0 || strings.Count(out, "\n") != 16 {
		t.Errorf("areas changed: %d\n%s", code, out)
	}
}

func TestQueryMistakes(t *testing.T) {
	db := seededDB(t)
	for _, c := range []struct {
		args []string
		code int
		want string
	}{
		{[]string{"compare_area"}, ExitUsage, "did you mean compare_areas?"},
		{[]string{"nonsense"}, ExitUsage, "The saved queries are: approaches, area_profile, areas,"},
		{[]string{"model_evidence"}, ExitUsage, "model_evidence needs --param area=VALUE"},
		{[]string{"models", "--param", "year=2021"}, ExitUsage, "models has no parameter year; its parameters are area, period"},
		{[]string{"models", "--param", "area=hanwel"}, ExitUsage, "did you mean hanwell?"},
		{[]string{"models", "--param", "period"}, ExitUsage, "write NAME=VALUE"},
		{[]string{"compare_areas", "--param", "resident_def=R4"}, ExitUsage, `"R4" is not a resident definition: choose R1`},
		{[]string{"models", "--format", "pdf"}, ExitUsage, "--format pdf: choose one of table, csv, json, xlsx, parquet, arrow"},
		{[]string{}, ExitUsage, "give one query"},
		{[]string{"missing.sql"}, ExitFailed, "missing.sql: no such file"},
	} {
		code, _, errs := obs(t, "", append([]string{"query", "--db", db}, c.args...)...)
		if code != c.code || !strings.Contains(errs, c.want) {
			t.Errorf("%v: exit %d, %s\nwant exit %d and %q", c.args, code, errs, c.code, c.want)
		}
	}
	code, _, errs := obs(t, "", "query", "--db", filepath.Join(t.TempDir(), "none.duckdb"), "areas")
	if code != ExitFailed || !strings.Contains(errs, "no database yet") {
		t.Errorf("no database: %d %s", code, errs)
	}
}

func TestQueriesList(t *testing.T) {
	code, out, _ := obs(t, "", "queries")
	for _, name := range []string{"compare_areas", "area_profile", "partnership_composition", "models", "model_changes",
		"excerpts", "missing_returns", "volunteering_by_month", "--param area=AREA", "required"} {
		if code != 0 || !strings.Contains(out, name) {
			t.Errorf("obs queries lacks %q", name)
		}
	}
	code, out, _ = obs(t, "", "queries", "excerpts")
	if code != 0 || !strings.Contains(out, "GLOB lower($code)") {
		t.Errorf("obs queries excerpts:\n%s", out)
	}
}

func TestExport(t *testing.T) {
	db := seededDB(t)
	dir := filepath.Join(t.TempDir(), "export")
	code, out, errs := obs(t, "", "export", "--db", db, "--out", dir)
	if code != 0 {
		t.Fatalf("exit %d %s", code, errs)
	}
	if !strings.Contains(out, "dictionary.md") {
		t.Errorf("stdout: %s", out)
	}
	for _, f := range []string{
		"parquet/partnership/area_id=hanwell/data.parquet",
		"parquet/partnership/area_id=birchfield/data.parquet",
		"parquet/scores/area_id=hanwell/data.parquet",
		"parquet/areas/area_id=westfield/data.parquet",
		"parquet/loads/data.parquet",
		"parquet/agreement/data.parquet",
		"csv/partnership.csv", "csv/events.csv", "csv/loads.csv", "csv/quarantine.csv", "csv/scores.csv",
		"dictionary.md", "dictionary.csv",
	} {
		if _, err := os.Stat(filepath.Join(dir, f)); err != nil {
			t.Errorf("missing %s", f)
		}
	}
	// Current rows only, read back as one Hive-partitioned table.
	mem, _ := sql.Open("duckdb", "")
	defer mem.Close()
	var n, hanwell int
	if err := mem.QueryRow(`SELECT count(*), count(*) FILTER (WHERE area_id = 'hanwell')
		FROM read_parquet(?, hive_partitioning = true)`, filepath.Join(dir, "parquet/partnership/*/*.parquet")).Scan(&n, &hanwell); err != nil || n != 10 || hanwell != 6 {
		t.Errorf("partnership parquet: %d rows, %d hanwell, %v", n, hanwell, err)
	}
	// Formula injection in the CSV.
	b, _ := os.ReadFile(filepath.Join(dir, "csv/interview_codes.csv"))
	if !strings.Contains(string(b), `'=cmd|`) {
		t.Errorf("excerpt not made safe:\n%s", b)
	}
	// The dictionary has every column of every kind, and the aliases.
	md, _ := os.ReadFile(filepath.Join(dir, "dictionary.md"))
	recs, _ := csv.NewReader(mustOpen(t, filepath.Join(dir, "dictionary.csv"))).ReadAll()
	inCSV := map[string]string{}
	for _, r := range recs[1:] {
		inCSV[r[0]+"."+r[1]] = r[5]
	}
	for _, k := range schemas.Kinds() {
		if !strings.Contains(string(md), "### "+k.Name+"\n") {
			t.Errorf("dictionary.md has no section for %s", k.Name)
		}
		for _, c := range k.Columns {
			if !strings.Contains(string(md), "| `"+c.Name+"` |") {
				t.Errorf("dictionary.md lacks %s.%s", k.Name, c.Name)
			}
			aliases, ok := inCSV[k.Name+"."+c.Name]
			if !ok {
				t.Errorf("dictionary.csv lacks %s.%s", k.Name, c.Name)
			}
			for _, a := range c.Aliases {
				if !strings.Contains(aliases, a) {
					t.Errorf("dictionary.csv: %s.%s lacks alias %q", k.Name, c.Name, a)
				}
			}
		}
	}
	for _, tb := range append(append([]*schemas.Table{}, schemas.SystemTables...), schemas.ResultTables...) {
		for _, c := range tb.Columns {
			if _, ok := inCSV[tb.Name+"."+c.Name]; !ok {
				t.Errorf("dictionary.csv lacks %s.%s", tb.Name, c.Name)
			}
		}
	}
	// Exporting again replaces the files.
	if code, _, errs := obs(t, "", "export", "--db", db, "--out", dir, "--history"); code != 0 {
		t.Fatal(errs)
	}
	if _, err := os.Stat(filepath.Join(dir, "parquet/partnership_history/area_id=hanwell/data.parquet")); err != nil {
		t.Errorf("history not exported: %v", err)
	}
}

func TestExportMistakes(t *testing.T) {
	if code, _, errs := obs(t, "", "export", "--db", seededDB(t)); code != ExitUsage || !strings.Contains(errs, "--out DIR") {
		t.Errorf("no --out: %d %s", code, errs)
	}
	missing := filepath.Join(t.TempDir(), "none.duckdb")
	if code, _, errs := obs(t, "", "export", "--db", missing, "--out", t.TempDir()); code != ExitFailed || !strings.Contains(errs, "no database yet") {
		t.Errorf("no database: %d %s", code, errs)
	}
	if _, err := os.Stat(missing); err == nil {
		t.Errorf("export created a database")
	}
}

func mustOpen(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
