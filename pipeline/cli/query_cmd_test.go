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

func TestQueryEveryFormat(t *testing.T) {
	db := seededDB(t)
	dir := t.TempDir()
	for _, format := range []string{"table", "csv", "json", "xlsx", "parquet", "arrow"} {
		out := filepath.Join(dir, "r."+format)
		// The format comes from --out's extension.
		// What it prints is in testdata/cli/query-out.
		code, stdout, errs := obs(t, "", "query", "--db", db, "compare_areas", "--param", "resident_def=R2", "--out", out)
		if code != 0 {
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

func TestExport(t *testing.T) {
	db := seededDB(t)
	dir := filepath.Join(t.TempDir(), "export")
	// What it prints is in testdata/cli/export.
	if code, _, errs := obs(t, "", "export", "--db", db, "--out", dir); code != 0 {
		t.Fatalf("exit %d %s", code, errs)
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

func mustOpen(t *testing.T, path string) *os.File {
	t.Helper()
	f, err := os.Open(path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { f.Close() })
	return f
}
