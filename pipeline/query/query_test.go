package query

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"errors"
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

// seeded returns a read-only store over a database made by store.Open and
// testdata/seed.sql.
func seeded(t *testing.T) *sql.DB {
	t.Helper()
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "obs.duckdb")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile("testdata/seed.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.ExecContext(ctx, string(seed)); err != nil {
		t.Fatalf("seed: %v", err)
	}
	s.Close()
	ro, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	return ro.DB
}

func run(t *testing.T, db *sql.DB, name string, params map[string]string) *tabular.Table {
	t.Helper()
	q, err := Find(name)
	if err != nil {
		t.Fatal(err)
	}
	tab, _, err := Table(context.Background(), db, q, params, 0)
	if err != nil {
		t.Fatalf("%s: %v", name, err)
	}
	return tab
}

// rows renders a result as lines of |-separated text, for comparing.
func rows(t *tabular.Table, cols ...string) []string {
	idx := make([]int, len(cols))
	for i, c := range cols {
		idx[i] = -1
		for j, n := range t.Columns {
			if n == c {
				idx[i] = j
			}
		}
	}
	var out []string
	for _, r := range t.Rows {
		var b bytes.Buffer
		for i, j := range idx {
			if i > 0 {
				b.WriteString("|")
			}
			if j < 0 {
				b.WriteString("?")
				continue
			}
			b.WriteString(cell(r[j]))
		}
		out = append(out, b.String())
	}
	return out
}

func cell(v any) string {
	var buf bytes.Buffer
	tabular.Write(&buf, &tabular.Table{Columns: []string{"k", "v"}, Rows: [][]any{{"k", v}}}, "csv")
	recs, _ := csv.NewReader(&buf).ReadAll()
	return recs[1][1]
}

func TestSavedQueriesHaveHeaders(t *testing.T) {
	all, err := Saved()
	if err != nil {
		t.Fatal(err)
	}
	if len(all) < 10 {
		t.Fatalf("only %d saved queries", len(all))
	}
	for _, q := range all {
		if "queries/"+q.Name+".sql" != q.Source {
			t.Errorf("%s: the name in the header must be the file's name", q.Source)
		}
		if q.Description == "" {
			t.Errorf("%s: no description", q.Name)
		}
		for _, p := range q.Params {
			if p.Doc == "" {
				t.Errorf("%s: parameter %s has no description", q.Name, p.Name)
			}
		}
	}
}

// Every saved query runs on the seeded database with its defaults (and
// birchfield for a required area), and uses only the parameters it declares.
func TestEverySavedQueryRuns(t *testing.T) {
	db := seeded(t)
	all, _ := Saved()
	for _, q := range all {
		params := map[string]string{}
		for _, p := range q.Params {
			if p.Required && p.Type == "area" {
				params[p.Name] = "Hanwell"
			}
		}
		for _, format := range tabular.Formats() {
			var buf bytes.Buffer
			if err := Write(context.Background(), db, q, params, &buf, format); err != nil {
				t.Errorf("%s as %s: %v", q.Name, format, err)
			}
		}
	}
}

func TestPartnershipComposition(t *testing.T) {
	db := seeded(t)
	got := rows(run(t, db, "partnership_composition", nil),
		"area_id", "period", "members", "voting", "r1_residents", "r1_pct", "r2_residents", "r3_residents", "below_half")
	want := []string{
		"birchfield|2021-22|2|2|2|100|2|2|",
		"birchfield|2022-23|2|2|1|50|1|1|",
		"hanwell|2021-22|6|5|3|60|1|5|R2",
	}
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	one := rows(run(t, db, "partnership_composition", map[string]string{"area": "BIRCHFIELD", "period": "2022-23"}), "area_id", "period")
	if strings.Join(one, ",") != "birchfield|2022-23" {
		t.Errorf("filtered: %v", one)
	}
}

func TestVolunteeringByMonth(t *testing.T) {
	got := rows(run(t, seeded(t), "volunteering_by_month", map[string]string{"area": "hanwell"}),
		"month", "volunteers", "resident_volunteers", "new_volunteers", "on_partnership", "hours", "resident_hours")
	want := "2021-05|2|1|2|1|6|2\n2021-06|4|3|0|1|13|10"
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
}

func TestMissingReturns(t *testing.T) {
	tab := run(t, seeded(t), "missing_returns", map[string]string{"area": "hanwell", "period": "2021"})
	got := rows(tab, "area_id", "period", "present", "missing", "missing_kinds")
	var kinds []string
	for _, k := range schemas.Kinds() {
		if !k.Reference && k.Name != "partnership" && k.Name != "volunteering" && k.Name != "interview_codes" && k.Name != "grants" {
			kinds = append(kinds, k.Name)
		}
	}
	want := "hanwell|2021-22|4|8|" + strings.Join(kinds, ", ")
	if len(got) != 1 || got[0] != want {
		t.Errorf("got %v\nwant %s", got, want)
	}
	// The fifteen built-in areas are listed even with no returns.
	all := run(t, seeded(t), "missing_returns", nil)
	if len(all.Rows) != 15*2 {
		t.Errorf("%d rows, want 15 areas x 2 years", len(all.Rows))
	}
}

func TestExcerptsWildcard(t *testing.T) {
	db := seeded(t)
	got := rows(run(t, db, "excerpts", map[string]string{"code": "leadership/*"}), "code", "evidence_of", "file", "row")
	want := "Leadership/Partnership recruitment|model: 1|hanwell-2021.xlsx|3\nLeadership/Working groups|model: 2|hanwell-2021.xlsx|2"
	if strings.Join(got, "\n") != want {
		t.Errorf("got\n%s\nwant\n%s", strings.Join(got, "\n"), want)
	}
	got = rows(run(t, db, "excerpts", map[string]string{"evidence_of": "Model 2"}), "code")
	if strings.Join(got, ",") != "Leadership/Working groups" {
		t.Errorf("evidence of model 2: %v", got)
	}
	if n := len(run(t, db, "excerpts", nil).Rows); n != 3 {
		t.Errorf("default * gives %d excerpts, want 3", n)
	}
	if n := len(run(t, db, "excerpts", map[string]string{"code": "Voice"}).Rows); n != 0 {
		t.Errorf("no wildcard, no partial match: %d", n)
	}
	codes := rows(run(t, db, "codes", nil), "code", "segments", "evidence_of")
	if codes[2] != "Voice/Consultation|1|unmapped" {
		t.Errorf("codes: %v", codes)
	}
}

func TestCompareAreas(t *testing.T) {
	db := seeded(t)
	got := rows(run(t, db, "compare_areas", map[string]string{"resident_def": "r2"}), "rank", "area_id", "period", "value")
	if strings.Join(got, ",") != "1|birchfield|2021-22|100,2|hanwell|2021-22|20" {
		t.Errorf("R2: %v", got)
	}
	got = rows(run(t, db, "compare_areas", map[string]string{"definition": "lto_local"}), "rank", "area_id", "missing_reason")
	if strings.Join(got, ",") != "1|birchfield|,|hanwell|no LTO return for this period" {
		t.Errorf("lto_local: %v", got)
	}
	got = rows(run(t, db, "compare_areas", map[string]string{"period": "2020-21"}), "area_id", "value")
	if strings.Join(got, ",") != "birchfield|50" {
		t.Errorf("2020: %v", got)
	}
}

// TestDefinitionParams: a definition must be one the scores hold, a
// resident definition R1, R2 or R3; a slip gets the nearest.
func TestDefinitionParams(t *testing.T) {
	db := seeded(t)
	q, _ := Find("compare_areas")
	for params, want := range map[string]string{
		"definition=compositon":  `there is no definition "compositon": did you mean composition? The definitions are: `,
		"definition=wibble":      `there is no definition "wibble". The definitions are: `,
		"resident_def=R4":        `"R4" is not a resident definition`,
		"definition=Composition": "",
	} {
		k, v, _ := strings.Cut(params, "=")
		_, err := Args(context.Background(), db, q, map[string]string{k: v})
		if want == "" && err != nil || want != "" && (!errors.Is(err, ErrParam) || !strings.Contains(err.Error(), want)) {
			t.Errorf("%s: got %v, want %q", params, err, want)
		}
	}
}

func TestModelsAndChanges(t *testing.T) {
	db := seeded(t)
	got := rows(run(t, db, "model_changes", nil), "area_id", "from_label", "to_label", "change_m2")
	if strings.Join(got, ",") != "hanwell|model 1|hybrid 1+2|0.35" {
		t.Errorf("changes: %v", got)
	}
	if n := len(run(t, db, "model_changes", map[string]string{"include_unchanged": "yes"}).Rows); n != 2 {
		t.Errorf("with unchanged: %d rows", n)
	}
	ev := rows(run(t, db, "model_evidence", map[string]string{"area": "hanwell", "model": "1"}), "model", "indicator", "contribution")
	if strings.Join(ev, ",") != "1|few_groups|0.315,1|partnership_decisions|0.485" {
		t.Errorf("evidence: %v", ev)
	}
	if got := rows(run(t, db, "approaches", map[string]string{"tag": "Resident Voice"}), "area_id", "tag", "codes"); strings.Join(got, ",") != "hanwell|resident voice|1" {
		t.Errorf("approaches: %v", got)
	}
	prof := run(t, db, "area_profile", map[string]string{"area": "hanwell", "period": "2021-22"})
	sections := map[string]bool{}
	for _, s := range rows(prof, "section") {
		sections[s] = true
	}
	for _, s := range []string{"resident-led", "all of the above", "leadership model", "approaches and focus", "returns"} {
		if !sections[s] {
			t.Errorf("area_profile lacks section %q", s)
		}
	}
}

func TestParams(t *testing.T) {
	db := seeded(t)
	ctx := context.Background()
	q, _ := Find("model_evidence")
	for _, c := range []struct {
		params map[string]string
		want   string
	}{
		{nil, "model_evidence needs --param area=VALUE: the area's id or name"},
		{map[string]string{"area": "hanwel"}, `--param area: there is no area "hanwel": did you mean hanwell?`},
		{map[string]string{"area": "hanwell", "year": "2021"}, "model_evidence has no parameter year; its parameters are area, period, model"},
		{map[string]string{"area": "hanwell", "period": "2021-23"}, `--param period: "2021-23" is not a reporting year`},
		{map[string]string{"area": "hanwell", "model": "two"}, `--param model: "two" is not a whole number`},
	} {
		_, err := Args(ctx, db, q, c.params)
		if !errors.Is(err, ErrParam) || !strings.Contains(err.Error(), c.want) {
			t.Errorf("%v: got %v, want %q", c.params, err, c.want)
		}
	}
	args, err := Args(ctx, db, q, map[string]string{"area": "Hanwell", "period": "2021/22"})
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]any{}
	for _, a := range args {
		n := a.(sql.NamedArg)
		got[n.Name] = n.Value
	}
	if got["area"] != "hanwell" || got["period"] != int64(2021) || got["model"] != nil || len(got) != 3 {
		t.Errorf("bound %v", got)
	}
}

func TestAdHocSQL(t *testing.T) {
	db := seeded(t)
	q, _ := Parse("stdin", "stdin", "SELECT name FROM areas WHERE area_id = $id")
	var buf bytes.Buffer
	if err := Write(context.Background(), db, q, map[string]string{"id": "hanwell"}, &buf, "csv"); err != nil || buf.String() != "name\nHanwell\n" {
		t.Errorf("%q %v", buf.String(), err)
	}
	err := Write(context.Background(), db, q, nil, &buf, "csv")
	if !errors.Is(err, ErrParam) || !strings.Contains(err.Error(), "give it with --param id=VALUE") {
		t.Errorf("missing: %v", err)
	}
	q, _ = Parse("stdin", "stdin", "SELECT * FROM areas WHERE area_id = ?")
	if err := Write(context.Background(), db, q, nil, &buf, "csv"); !errors.Is(err, ErrParam) || !strings.Contains(err.Error(), "name its parameters") {
		t.Errorf("positional: %v", err)
	}
	q, _ = Parse("stdin", "stdin", "SELECT nonsense FROM areas")
	var se *SQLError
	if err := Write(context.Background(), db, q, nil, &buf, "csv"); !errors.As(err, &se) || !strings.Contains(err.Error(), "nonsense") {
		t.Errorf("bad SQL: %v", err)
	}
}

func TestWritesRefused(t *testing.T) {
	db := seeded(t)
	for _, s := range []string{
		"INSERT INTO areas (area_id, name) VALUES ('x', 'X')",
		"DELETE FROM loads",
		"UPDATE areas SET name = 'X'",
		"DROP TABLE loads",
		"CREATE TABLE t (x INT)",
		"COPY areas TO 'areas.csv'",
		"ATTACH 'other.duckdb'",
		"SET threads = 1",
		"INSTALL httpfs",
	} {
		q, _ := Parse("stdin", "stdin", s)
		err := Write(context.Background(), db, q, nil, &bytes.Buffer{}, "table")
		if !errors.Is(err, ErrWrite) {
			t.Errorf("%s: got %v, want a refusal", s, err)
		}
	}
	// EXPLAIN is refused, as on the console: one rule everywhere.
	q, _ := Parse("stdin", "stdin", "EXPLAIN ANALYZE SELECT 1")
	if err := Write(context.Background(), db, q, nil, &bytes.Buffer{}, "table"); !errors.Is(err, ErrRefused) || !strings.Contains(err.Error(), "EXPLAIN") {
		t.Errorf("EXPLAIN: %v", err)
	}
	// Several statements: refused whole, none run.
	q, _ = Parse("stdin", "stdin", "SELECT 1; SELECT 2")
	if err := Write(context.Background(), db, q, nil, &bytes.Buffer{}, "table"); !errors.Is(err, ErrStatements) {
		t.Errorf("two statements: %v", err)
	}
}

func TestUnknownQuery(t *testing.T) {
	_, err := Find("compare_area")
	var ue *UnknownQueryError
	if !errors.As(err, &ue) || !strings.Contains(err.Error(), "did you mean compare_areas?") || !strings.Contains(err.Error(), "missing_returns") {
		t.Errorf("%v", err)
	}
}

func TestParseHeader(t *testing.T) {
	q, err := Parse("x.sql", "x", `-- name: x
-- description: a test
-- param: who text "Ada Lovelace" the person
-- param: since date 2021-04-01 from when
-- param: n integer required how many
-- Prose: with a colon is not a header key.
SELECT 1`)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, p := range q.Params {
		got = append(got, p.Name+"/"+p.Type+"/"+p.DefaultText()+"/"+p.Doc)
	}
	want := []string{"who/text/Ada Lovelace/the person", "since/date/2021-04-01/from when", "n/integer/required/how many"}
	if strings.Join(got, ";") != strings.Join(want, ";") {
		t.Errorf("got %q", got)
	}
	for text, want := range map[string]string{
		"-- param: a\nSELECT 1":                        "x.sql:1: a parameter needs a name, a type and a default",
		"-- param: a colour red x\nSELECT 1":           `type "colour"`,
		"-- param: a integer ten x\nSELECT 1":          `default "ten" is not a whole number`,
		"-- param: a text b x\n-- param: a text b x\n": "x.sql:2: parameter a is declared twice",
	} {
		if _, err := Parse("x.sql", "x", text); err == nil || !strings.Contains(err.Error(), want) {
			t.Errorf("%q: got %v, want %q", text, err, want)
		}
	}
}

func TestParsePeriod(t *testing.T) {
	for in, want := range map[string]int64{"2021-22": 2021, "2021/22": 2021, "2021": 2021, "1999-00": 1999, "2021-2022": 2021} {
		if got, err := parsePeriod(in); err != nil || got != want {
			t.Errorf("%s: %d %v", in, got, err)
		}
	}
	for _, in := range []string{"21-22", "2021-23", "twenty", ""} {
		if _, err := parsePeriod(in); err == nil {
			t.Errorf("%s accepted", in)
		}
	}
}

// TestSavedQueryOnOldDatabase: a database made before period_label existed
// still runs the saved queries that use it, read-only.
func TestSavedQueryOnOldDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.duckdb")
	s, err := store.Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	seed, err := os.ReadFile("testdata/seed.sql")
	if err != nil {
		t.Fatal(err)
	}
	if _, err := s.DB.ExecContext(ctx, string(seed)+";DROP MACRO period_label"); err != nil {
		t.Fatalf("seed: %v", err)
	}
	s.Close()
	ro, err := store.OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	got := rows(run(t, ro.DB, "compare_areas", map[string]string{"resident_def": "r2"}), "area_id", "period")
	if strings.Join(got, ",") != "birchfield|2021-22,hanwell|2021-22" {
		t.Errorf("compare_areas on an old database: %v", got)
	}
	q, err := Parse("stdin", "-", "SELECT period_label(2021) AS p")
	if err != nil {
		t.Fatal(err)
	}
	tab, _, err := Table(ctx, ro.DB, q, nil, 0)
	if err != nil || fmt.Sprint(tab.Rows) != "[[2021-22]]" {
		t.Errorf("period_label in a query of one's own: %v %v", tab, err)
	}
}
