package web

import (
	"context"
	"database/sql"
	"fmt"
	"html/template"
	"net/http"
	"net/url"
	"sort"

	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// normalisations are the ways the compare page can show a definition.
var normalisations = []struct{ ID, Name, Note string }{
	{"value", "the figure itself", "in the definition's own unit"},
	{"minmax", "min-max, 0 to 100", "100 is the most resident-led area in the year"},
	{"z", "z-score", "standard deviations from the mean; positive is more resident-led"},
	{"rank", "rank", "1 is the most resident-led"},
	{"percentile", "percentile, 0 to 100", "100 is the most resident-led"},
	{"goalposts", "fixed goalposts, 0 to 100", "the same bounds in every year, so years compare like with like"},
}

func normalisation(s string) string {
	for _, n := range normalisations {
		if n.ID == s {
			return s
		}
	}
	return "minmax"
}

// compareChoice is what the compare page was asked for.
type compareChoice struct {
	Def      definition
	Defs     []definition
	RD, Norm string
	Period   int
	Periods  []int
}

func (s *Server) compareChoice(ctx context.Context, q url.Values) (*compareChoice, error) {
	c := &compareChoice{RD: residentDef(q.Get("rd")), Norm: normalisation(q.Get("norm"))}
	var err error
	if c.Period, c.Periods, err = s.choosePeriod(ctx, q.Get("period")); err != nil {
		return nil, err
	}
	if c.Defs, err = s.definitions(ctx); err != nil {
		return nil, err
	}
	want := q.Get("def")
	if want == "" {
		want = "all"
	}
	for _, d := range c.Defs {
		if d.Name == want {
			c.Def = d
		}
	}
	if c.Def.Name == "" && len(c.Defs) > 0 {
		if q.Get("def") != "" {
			return nil, badRequest{fmt.Sprintf("there is no definition %q; choose one from the list", want)}
		}
		c.Def = c.Defs[0]
	}
	return c, nil
}

// pick is the shown figure of a score under a normalisation.
func pick(sc score, norm string) (float64, bool) {
	var v sql.NullFloat64
	switch norm {
	case "value":
		v = sc.Value
	case "minmax":
		v = sc.MinMax
	case "z":
		v = sc.Z
	case "rank":
		v = nf(sc.Rank)
	case "percentile":
		v = sc.Percentile
	case "goalposts":
		v = sc.Goalposts
	}
	return v.Float64, v.Valid
}

func (s *Server) compare(w http.ResponseWriter, r *http.Request) {
	s.cached(w, r, "compare", func(ctx context.Context) (string, template.HTML, error) {
		c, err := s.compareChoice(ctx, r.URL.Query())
		if err != nil {
			return "", "", err
		}
		var rows []score
		var chart template.HTML
		if c.Def.Name != "" {
			if rows, err = s.scores(ctx, c.Def.Name, c.RD, c.Period); err != nil {
				return "", "", err
			}
			chart = compareChart(c, rows)
		}
		var rob *robustness
		if c.Def.Name == "all" {
			if rob, err = s.robustness(ctx, c.Period); err != nil {
				return "", "", err
			}
		}
		csv := url.Values{"def": {c.Def.Name}, "rd": {c.RD}, "norm": {c.Norm}, "period": {periodLabel(c.Period)}}
		body, err := content("compare", map[string]any{
			"C": c, "Rows": rows, "Chart": chart, "Norms": normalisations, "RDs": residentDefs, "CSV": "/compare.csv?" + csv.Encode(),
			"Robust": rob,
		})
		return "Compare the areas", body, err
	})
}

// compareChart draws every area on the chosen definition, best first.
func compareChart(c *compareChoice, rows []score) template.HTML {
	bars := make([]bar, 0, len(rows))
	for _, sc := range rows {
		v, ok := pick(sc, c.Norm)
		b := bar{Label: sc.Area, Value: v, Text: tabular.Number(v)}
		if !ok {
			b.Missing = sc.Missing
			if b.Missing == "" {
				b.Missing = "not computed"
			}
		}
		bars = append(bars, b)
	}
	sort.SliceStable(bars, func(i, j int) bool {
		if (bars[i].Missing == "") != (bars[j].Missing == "") {
			return bars[i].Missing == ""
		}
		if c.Norm == "rank" || c.Norm == "value" && c.Def.Direction == "lower" {
			return bars[i].Value < bars[j].Value
		}
		return bars[i].Value > bars[j].Value
	})
	norm := c.Norm
	for _, n := range normalisations {
		if n.ID == c.Norm {
			norm = n.Name + " (" + n.Note + ")"
		}
	}
	if c.Norm == "value" && c.Def.Unit != "" {
		norm = c.Def.Unit
	}
	title := fmt.Sprintf("%s, %s, %s", c.Def.Label, periodLabel(c.Period), norm)
	desc := fmt.Sprintf("One bar per area, the most resident-led first; resident definition %s. Areas without a value are listed last with the reason.", c.RD)
	return barChart(title, desc, bars)
}

// compareCSV downloads the compare table.
func (s *Server) compareCSV(w http.ResponseWriter, r *http.Request) {
	ctx := r.Context()
	c, err := s.compareChoice(ctx, r.URL.Query())
	if err != nil {
		s.fail(w, r, "compare", err)
		return
	}
	rows, err := s.scores(ctx, c.Def.Name, c.RD, c.Period)
	if err != nil {
		s.fail(w, r, "compare", err)
		return
	}
	t := &tabular.Table{Columns: []string{"area_id", "area", "period", "definition", "resident_def", "value", "unit", "base", "base_label",
		"minmax", "z", "rank", "percentile", "n_areas", "missing_reason", "note"}}
	for _, sc := range rows {
		t.Rows = append(t.Rows, []any{sc.AreaID, sc.Area, periodLabel(c.Period), c.Def.Name, sc.ResidentDef, nullable(sc.Value), sc.Unit,
			nullable(sc.Base), sc.BaseLabel, nullable(sc.MinMax), nullable(sc.Z), nullableInt(sc.Rank), nullable(sc.Percentile),
			nullableInt(sc.NAreas), sc.Missing, sc.Note})
	}
	name := fmt.Sprintf("compare-%s-%s-%s.csv", c.Def.Name, c.RD, periodLabel(c.Period))
	download(w, name, "text/csv; charset=utf-8")
	if err := tabular.Write(w, t, tabular.FormatCSV); err != nil {
		s.opt.Logf("obs serve: %s: %v", r.URL.Path, err)
	}
}

func nullable(x sql.NullFloat64) any {
	if x.Valid {
		return x.Float64
	}
	return nil
}

func nullableInt(x sql.NullInt64) any {
	if x.Valid {
		return x.Int64
	}
	return nil
}

// download sets the headers of a file download.
func download(w http.ResponseWriter, name, contentType string) {
	w.Header().Set("Content-Type", contentType)
	w.Header().Set("Content-Disposition", fmt.Sprintf("attachment; filename=%q", safeFileName(name)))
}
