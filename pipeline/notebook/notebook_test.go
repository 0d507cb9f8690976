package notebook

import (
	"bytes"
	"context"
	"database/sql"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/store"
)

// testDB is a small database: three synthetic areas with one score each.
func testDB(t testing.TB) *sql.DB {
	t.Helper()
	path := filepath.Join(t.TempDir(), "obs.duckdb")
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	for _, q := range []string{
		`DELETE FROM areas WHERE area_id NOT IN ('birchfield', 'hanwell', 'westfield')`,
		`UPDATE areas SET synthetic = true`,
		`INSERT INTO scores (score_id, area_id, period, definition, label, resident_def, value, unit, rank, minmax) VALUES
		 ('1', 'birchfield', 2020, 'turnout', 'Turnout', '-', 12.5, 'per 1,000', 2, 40),
		 ('2', 'hanwell', 2020, 'turnout', 'Turnout', '-', 30.1, 'per 1,000', 1, 100),
		 ('3', 'westfield', 2020, 'turnout', 'Turnout', '-', 3.0, 'per 1,000', 3, 0),
		 ('4', 'birchfield', 2021, 'turnout', 'Turnout', '-', 14.0, 'per 1,000', 1, 100),
		 ('5', 'hanwell', 2021, 'turnout', 'Turnout', '-', 9.5, 'per 1,000', 2, 0)`,
	} {
		if _, err := st.DB.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	st.Close()
	ro, err := store.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { ro.Close() })
	return ro.DB
}

const good = "---\ntitle: Turnout <em>now</em>\nparams:\n  area: birchfield\n  period: 2021\n---\n" +
	"# Turnout\n\nHow *many* residents turn up, in **each** area. See [the spec](https://example.org/spec) and `area_id`.\n\n" +
	"- one\n- two <script>alert(1)</script>\n\n" +
	"```sql name=turnout\nSELECT area_id, period, value FROM scores WHERE definition = 'turnout' ORDER BY area_id, period\n```\n\n" +
	"```chart\ntype: bar\nx: area_id\ny: value\ncolour: period\nfrom: turnout\n```\n\n" +
	"```sql name=mine\nSELECT period, value FROM scores WHERE area_id = $area AND period <= $period\n```\n\n" +
	"```chart type=line x=period y=value\n```\n\n" +
	"```chart\ntype: strip\nx: value\nhighlight: area_id=$area\nfrom: turnout\n```\n"

func render(t *testing.T, db *sql.DB, src string, params map[string]string) (*Result, string) {
	t.Helper()
	nb := Parse("test.md", []byte(src))
	nb.SetParams(params)
	r := Run(context.Background(), db, nb, Options{})
	var b bytes.Buffer
	if err := r.WriteHTML(&b, "test"); err != nil {
		t.Fatal(err)
	}
	return r, b.String()
}

func TestGoodNotebook(t *testing.T) {
	db := testDB(t)
	r, page := render(t, db, good, nil)
	if r.Failed() {
		t.Fatalf("errors: %v", r.Errors)
	}
	if r.Notebook.Title != "Turnout <em>now</em>" || !strings.Contains(page, "<title>Turnout &lt;em&gt;now&lt;/em&gt; (synthetic data)</title>") {
		t.Errorf("title not taken from the front matter, or not escaped")
	}
	for _, want := range []string{
		"<h1>Turnout</h1>", "<em>many</em>", "<strong>each</strong>", `<a href="https://example.org/spec">the spec</a>`,
		"<code>area_id</code>", "<li>two &lt;script&gt;alert(1)&lt;/script&gt;</li>",
		`<td class="num">12.5</td>`, "5 rows", "Synthetic data — not real figures",
	} {
		if !strings.Contains(page, want) {
			t.Errorf("page lacks %q", want)
		}
	}
	if strings.Contains(page, "<script>") {
		t.Error("markup from the notebook reached the page")
	}
	if n := strings.Count(page, "<svg"); n != 3 {
		t.Errorf("%d charts, want 3", n)
	}
	// $area and $period were bound: Birchfield's two periods up to 2021.
	if mine := r.Cells[3].Table; mine == nil || len(mine.Rows) != 2 {
		t.Errorf("cell mine: %+v", r.Cells[3])
	}
	// --param overrides the front matter.
	r, _ = render(t, db, good, map[string]string{"area": "hanwell", "period": "2020"})
	if mine := r.Cells[3].Table; mine == nil || len(mine.Rows) != 1 || mine.Display(0, 1) != "30.1" {
		t.Errorf("--param not applied: %+v", r.Cells[3].Table)
	}
}

func TestBadCells(t *testing.T) {
	db := testDB(t)
	src := "# Bad\n\n" + // line 1
		"```sql name=broken\nSELEC area_id FROM scores\n```\n\n" + // line 3
		"```sql name=ok\nSELECT area_id, value FROM scores\n```\n\n" + // line 7
		"```chart\ntype: bar\nx: area_id\ny: valeu\nfrom: ok\n```\n\n" + // line 11, y: at 14
		"```sql name=needs\nSELECT * FROM scores WHERE period = $period\n```\n\n" + // line 18
		"```chart\ntype: pie\nx: a\n```\n\n" + // line 22
		"```chart\ntype: bar\nx: a\ny: b\nfrom: broken\n```\n\n" + // line 27
		"Still rendered after the errors.\n"
	r, page := render(t, db, src, nil)
	if !r.Failed() {
		t.Fatal("no failure reported")
	}
	want := []string{
		`test.md:3: broken: the SQL failed: parser error: syntax error at or near "SELEC"`,
		`test.md:14: chart: unknown column "valeu" for y: the result has columns area_id, value`,
		`test.md:18: needs: uses $period, which has no value: add it to the front matter (params:, then an indented line period: VALUE) or give --param period=VALUE`,
		`test.md:23: chart: unknown type "pie": choose bar, line, point, strip`,
		`test.md:27: chart: cell broken failed (line 3), so there is nothing to plot`,
	}
	var got []string
	for _, e := range r.Errors {
		got = append(got, e.Error())
	}
	if len(got) != len(want) {
		t.Fatalf("errors:\n%s", strings.Join(got, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("error %d:\n got %s\nwant %s", i, got[i], want[i])
		}
	}
	// Shown in place, and the rest still renders.
	if !strings.Contains(page, "Still rendered after the errors.") || !strings.Contains(page, "<strong>test.md:14</strong> chart: unknown column") {
		t.Error("errors not shown in place, or the page stopped at the first")
	}
	if r.Cells[2].Table == nil || len(r.Cells[2].Table.Rows) != 5 {
		t.Error("the good cell after a broken one did not run")
	}
}

func TestWritesRefused(t *testing.T) {
	db := testDB(t)
	r, _ := render(t, db, "```sql name=evil\nDELETE FROM scores\n```\n", nil)
	if !r.Failed() || !strings.Contains(r.Errors[0].Error(), "would change the database") {
		t.Fatalf("a DELETE was not refused: %v", r.Errors)
	}
	// Parameters are bound, never pasted: a quote in a value is just a value.
	r, _ = render(t, db, "---\nparams:\n  area: \"x' OR '1'='1\"\n---\n```sql name=q\nSELECT * FROM scores WHERE area_id = $area\n```\n", nil)
	if r.Failed() || len(r.Cells[0].Table.Rows) != 0 {
		t.Fatalf("injection: %v %+v", r.Errors, r.Cells[0])
	}
}

func TestParseMistakes(t *testing.T) {
	nb := Parse("x.md", []byte("---\ntitle: x\nparams:\n  area birchfield\n---\n```sql\nSELECT 1\n```\n```chart\ntype: bar\nsize: big\n```\n```sql name=a\nSELECT 1\n"))
	var got []string
	for _, e := range nb.Errors {
		got = append(got, e.Error())
	}
	want := []string{
		`x.md:4: front matter: "area birchfield" is not key: value`,
		"x.md:6: sql cell: has no name",
		`x.md:11: chart: unknown option "size"`,
		"x.md:13: the block opened with ``` is never closed",
	}
	if len(got) != len(want) {
		t.Fatalf("got %q", got)
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("got %q, want %q", got[i], want[i])
		}
	}
}

func TestMarkdown(t *testing.T) {
	cases := map[string]string{
		"# Title":                         "<h1>Title</h1>\n",
		"a *b* **c** `d<e>` area_id":      "<p>a <em>b</em> <strong>c</strong> <code>d&lt;e&gt;</code> area_id</p>\n",
		"[x](javascript:alert(1))":        "<p>x</p>\n",
		"[x](notes.html#a)":               "<p><a href=\"notes.html#a\">x</a></p>\n",
		"- a\n- b\n  - c\n- d":            "<ul>\n<li>a</li>\n<li>b\n<ul>\n<li>c</li>\n</ul>\n</li>\n<li>d</li>\n</ul>\n",
		"1. a\n2. b":                      "<ol>\n<li>a</li>\n<li>b</li>\n</ol>\n",
		"> quoted <b>":                    "<blockquote>\n<p>quoted &lt;b&gt;</p>\n</blockquote>\n",
		"| a | b |\n|---|--:|\n| 1 | 2 |": "<table>\n<thead><tr><th>a</th><th class=\"num\">b</th></tr></thead>\n<tbody>\n<tr><td>1</td><td class=\"num\">2</td></tr>\n</tbody>\n</table>\n",
		"one\ntwo\n\nthree":               "<p>one\ntwo</p>\n<p>three</p>\n",
		"---":                             "<hr>\n",
		"5 * 3 * 2":                       "<p>5 * 3 * 2</p>\n",
	}
	for in, want := range cases {
		if got := Markdown(in); got != want {
			t.Errorf("Markdown(%q)\n got %q\nwant %q", in, got, want)
		}
	}
}

// The shipped notebooks parse without mistakes.
func TestShippedNotebooksParse(t *testing.T) {
	files, _ := filepath.Glob("../../notebooks/*.md")
	for _, f := range files {
		src, err := os.ReadFile(f)
		if err != nil {
			t.Fatal(err)
		}
		if nb := Parse(filepath.Base(f), src); len(nb.Errors) > 0 {
			t.Errorf("%s: %v", f, nb.Errors)
		}
	}
}

// TestSufficiencyPlot: a point chart with diagonal: yes draws the line
// y = x on axes from 0 to 1 (a QCA sufficiency plot), cases labelled; a
// diagonal elsewhere is a mistake said in place.
func TestSufficiencyPlot(t *testing.T) {
	db := testDB(t)
	cell := "```sql name=sets\nSELECT area_id, minmax / 100.0 AS term, CASE WHEN rank = 1 THEN 0.9 ELSE 0.2 END AS outcome FROM scores WHERE period = 2020\n```\n\n" +
		"```chart\ntype: point\nx: term\ny: outcome\nlabel: area_id\n%s```\n"
	paths := func(page string) int { return strings.Count(page, "<path") }
	r, with := render(t, db, strings.Replace(cell, "%s", "diagonal: yes\n", 1), nil)
	if r.Failed() {
		t.Fatalf("errors: %v", r.Errors)
	}
	_, without := render(t, db, strings.Replace(cell, "%s", "", 1), nil)
	if paths(with) <= paths(without) {
		t.Errorf("diagonal: yes adds no line (%d paths with it, %d without)", paths(with), paths(without))
	}
	for _, want := range []string{"hanwell", "westfield", "birchfield"} {
		if !strings.Contains(with, want) {
			t.Errorf("the case %s is not labelled", want)
		}
	}
	r, _ = render(t, db, strings.Replace(strings.Replace(cell, "type: point", "type: bar", 1), "%s", "diagonal: yes\n", 1), nil)
	if len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Error(), "a diagonal goes on a point chart") {
		t.Errorf("a diagonal on a bar chart: %v", r.Errors)
	}
	r, _ = render(t, db, strings.Replace(cell, "%s", "diagonal: maybe\n", 1), nil)
	if len(r.Errors) != 1 || !strings.Contains(r.Errors[0].Error(), `diagonal is yes or no, not "maybe"`) {
		t.Errorf("diagonal: maybe: %v", r.Errors)
	}
}
