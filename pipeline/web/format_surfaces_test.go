package web

import (
	"bytes"
	"context"
	"database/sql"
	"encoding/csv"
	"encoding/json"
	"html/template"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/notebook"
	"github.com/ourbiggerstory/obs/pipeline/report"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// The three figures every surface must write alike: a half that rounding
// to one place would lose, a negative below one, and a number in millions.
var awkward = []float64{5.25, -0.5, 1234567}

// How people read them (terminal, pages, packs, charts, notebooks), and how
// programs read them (CSV, JSON, XLSX cells). The package doc of tabular
// states the rule.
var (
	humanWant   = []string{"5.25", "−0.5", "1,234,567"}
	machineWant = []string{"5.25", "-0.5", "1234567"}
)

// awkwardTable holds the figures as decimals (DOUBLE) and the whole one
// also as a count (BIGINT).
func awkwardTable() *tabular.Table {
	t := &tabular.Table{Columns: []string{"figure", "count"}, Types: []string{"DOUBLE", "BIGINT"}}
	for _, f := range awkward {
		var count any
		if f == 1234567 {
			count = int64(f)
		}
		t.Rows = append(t.Rows, []any{f, count})
	}
	return t
}

func write(t *testing.T, tab *tabular.Table, format string) []byte {
	t.Helper()
	var b bytes.Buffer
	if err := tabular.Write(&b, tab, format); err != nil {
		t.Fatal(err)
	}
	return b.Bytes()
}

// cellsIn finds every <td> of an HTML table, its text as the reader sees it.
var tdRE = regexp.MustCompile(`<td[^>]*>(?:<span[^>]*>)?([^<]*)`)

func cellsIn(page string) map[string]bool {
	out := map[string]bool{}
	for _, m := range tdRE.FindAllStringSubmatch(page, -1) {
		out[m[1]] = true
	}
	return out
}

func TestEverySurfaceWritesFiguresAlike(t *testing.T) {
	st := sampleStore(t)
	ctx := context.Background()
	tab := awkwardTable()

	t.Run("text table", func(t *testing.T) {
		lines := strings.Split(string(write(t, tab, tabular.FormatTable)), "\n")
		for i, want := range humanWant {
			got := strings.Fields(lines[2+i])
			if len(got) != 2 || got[0] != want {
				t.Errorf("row %d reads %q, want %s", i+1, lines[2+i], want)
			}
		}
		if got := strings.Fields(lines[4]); len(got) == 2 && got[1] != humanWant[2] {
			t.Errorf("the count reads %s, want %s", got[1], humanWant[2])
		}
	})

	t.Run("CSV", func(t *testing.T) {
		recs, err := csv.NewReader(bytes.NewReader(write(t, tab, tabular.FormatCSV))).ReadAll()
		if err != nil {
			t.Fatal(err)
		}
		for i, want := range machineWant {
			if recs[1+i][0] != want {
				t.Errorf("CSV row %d holds %s, want %s", i+1, recs[1+i][0], want)
			}
		}
		if recs[3][1] != machineWant[2] {
			t.Errorf("CSV count %s, want %s", recs[3][1], machineWant[2])
		}
	})

	t.Run("JSON", func(t *testing.T) {
		var rows []map[string]json.Number
		dec := json.NewDecoder(bytes.NewReader(write(t, tab, tabular.FormatJSON)))
		dec.UseNumber()
		if err := dec.Decode(&rows); err != nil {
			t.Fatal(err)
		}
		for i, want := range machineWant {
			if string(rows[i]["figure"]) != want {
				t.Errorf("JSON row %d holds %s, want %s", i+1, rows[i]["figure"], want)
			}
		}
	})

	t.Run("XLSX", func(t *testing.T) {
		f, err := excelize.OpenReader(bytes.NewReader(write(t, tab, tabular.FormatXLSX)))
		if err != nil {
			t.Fatal(err)
		}
		defer f.Close()
		for i, want := range machineWant {
			for col, ref := range []string{"A", "B"} {
				if col == 1 && i < 2 {
					continue // only the whole figure is a count
				}
				cell := ref + string(rune('2'+i))
				v, _ := f.GetCellValue("Results", cell, excelize.Options{RawCellValue: true})
				typ, _ := f.GetCellType("Results", cell)
				if v != want || (typ != excelize.CellTypeNumber && typ != excelize.CellTypeUnset) {
					t.Errorf("cell %s holds %q (type %v), want the number %s", cell, v, typ, want)
				}
			}
		}
		// A count is a whole number with format 0: no separator, so a
		// year stays 2021; decimals keep Excel's General format.
		styleFmt := func(cell string) int {
			id, _ := f.GetCellStyle("Results", cell)
			s, _ := f.GetStyle(id)
			return s.NumFmt
		}
		if n := styleFmt("B4"); n != 1 {
			t.Errorf("the count's number format is %d, want 1 (0)", n)
		}
		if n := styleFmt("A2"); n != 0 {
			t.Errorf("a decimal's number format is %d, want 0 (General)", n)
		}
	})

	t.Run("web page", func(t *testing.T) {
		page, err := content("result", viewOf(tab, false, 100, 0, nil))
		if err != nil {
			t.Fatal(err)
		}
		cells := cellsIn(string(page))
		for _, want := range humanWant {
			if !cells[want] {
				t.Errorf("the query page has no cell %s: %s", want, page)
			}
		}
		// A page's own figures and its chart: the comparison of the areas,
		// three of them given the awkward figures.
		if _, err := st.DB.Exec(`UPDATE scores SET value = CASE area_id
			WHEN (SELECT min(area_id) FROM scores) THEN 5.25
			WHEN (SELECT max(area_id) FROM scores) THEN -0.5 ELSE 1234567 END`); err != nil {
			t.Fatal(err)
		}
		_, ts, c := testServer(t, st, Options{})
		code, body := get(t, c, ts.URL+"/compare?norm=value")
		if code != 200 {
			t.Fatalf("/compare: %d %s", code, clipText(body, 400))
		}
		for _, want := range humanWant {
			mustContain(t, "/compare", body, `<td class="num">`+want+" ", ">"+want+"</text>")
		}
	})

	t.Run("pack and its chart", func(t *testing.T) {
		d, err := report.Load(ctx, st.DB)
		if err != nil {
			t.Fatal(err)
		}
		p, err := d.Pack(d.ScoredAreas()[0].ID, report.Options{})
		if err != nil {
			t.Fatal(err)
		}
		if len(p.Profile) < len(awkward) {
			t.Fatalf("the pack has %d definitions, want %d or more", len(p.Profile), len(awkward))
		}
		for i, f := range awkward {
			p.Profile[i].Value = sql.NullFloat64{Float64: f, Valid: true}
		}
		var b bytes.Buffer
		if err := p.WriteHTML(&b); err != nil {
			t.Fatal(err)
		}
		cells := cellsIn(b.String())
		for i, want := range humanWant {
			if !cells[want] {
				t.Errorf("the pack has no cell %s", want)
			}
			fig := p.StripFigure(p.Profile[i])
			if label := p.Area.Name + " " + want; !strings.Contains(string(fig.SVG), template.HTMLEscapeString(label)) {
				t.Errorf("the strip chart has no label %q: %s", label, fig.Err)
			}
		}
	})

	t.Run("notebook", func(t *testing.T) {
		src := "# Figures\n\n```sql name=figures\n" +
			"SELECT * FROM (VALUES (5.25::DOUBLE, NULL::BIGINT), (-0.5, NULL), (1234567, 1234567)) v(figure, count)\n```\n"
		r := notebook.Run(ctx, st.DB, notebook.Parse("figures.md", []byte(src)), notebook.Options{})
		if r.Failed() {
			t.Fatalf("the notebook failed: %v", r.Errors)
		}
		var b bytes.Buffer
		if err := r.WriteHTML(&b, "test"); err != nil {
			t.Fatal(err)
		}
		cells := cellsIn(b.String())
		for _, want := range humanWant {
			if !cells[want] {
				t.Errorf("the notebook has no cell %s", want)
			}
		}
	})
}
