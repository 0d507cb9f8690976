package web

import (
	"context"
	"database/sql"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// overviewRow is one area on the overview.
type overviewRow struct {
	area
	Composite            sql.NullFloat64
	Rank, NAreas         sql.NullInt64
	Coverage             sql.NullFloat64
	Missing              string
	Median, P05, P95     sql.NullFloat64
	Ranked               sql.NullBool
	Label, ComputedLabel string
	Kinds                int // kinds of return present (current) in the period
	Loads                int
	Quarantined          int
}

type sortColumn struct {
	Key, Label string
	Current    bool
	Desc       bool // the current sort is descending
	Link       string
}

var overviewSorts = []struct{ key, label string }{
	{"name", "Area"}, {"composite", "Composite"}, {"rank", "Rank"}, {"interval", "Rank interval"},
	{"model", "Leadership model"}, {"coverage", "Data coverage"},
}

func (s *Server) overview(w http.ResponseWriter, r *http.Request) {
	s.cached(w, r, "overview", func(ctx context.Context) (string, template.HTML, error) {
		q := r.URL.Query()
		period, periods, err := s.choosePeriod(ctx, q.Get("period"))
		if err != nil {
			return "", "", err
		}
		if len(periods) == 0 {
			body, err := content("overview_empty", nil)
			return "Overview", body, err
		}
		rd := residentDef(q.Get("rd"))
		rows, err := s.overviewRows(ctx, period, rd)
		if err != nil {
			return "", "", err
		}
		key, desc := q.Get("sort"), q.Get("dir") == "desc"
		if key == "" {
			key = "rank"
		}
		sortOverview(rows, key, desc)
		var cols []sortColumn
		for _, c := range overviewSorts {
			v := url.Values{"sort": {c.key}, "period": {periodLabel(period)}, "rd": {rd}}
			cur := c.key == key
			if cur && !desc {
				v.Set("dir", "desc")
			}
			cols = append(cols, sortColumn{Key: c.key, Label: c.label, Current: cur, Desc: desc, Link: "/?" + v.Encode()})
		}
		var ivs []interval
		n := 0
		for _, o := range rows {
			iv := interval{Label: o.Name, Known: o.Median.Valid, Ranked: o.Ranked.Valid && o.Ranked.Bool}
			if o.Median.Valid {
				iv.Rank, iv.Lo, iv.Hi = o.Median.Float64, o.P05.Float64, o.P95.Float64
				n++
			}
			ivs = append(ivs, iv)
		}
		if n < len(rows) {
			n = len(rows)
		}
		chart := template.HTML("")
		if hasAny(rows) {
			chart = intervalChart("Composite rank of every area with its 5–95% interval",
				"Each line spans the ranks an area takes over many defensible choices of weights, normalisation, aggregation and resident definition; the dot is its median rank. Grey: not ranked (the interval spans half the table or more).", ivs, n)
		}
		body, err := content("overview", map[string]any{
			"Rows": rows, "Cols": cols, "Period": period, "Periods": periods, "RD": rd, "RDs": residentDefs,
			"Chart": chart, "Kinds": len(returnKinds), "Sort": key,
		})
		return "Overview", body, err
	})
}

func hasAny(rows []overviewRow) bool {
	for _, r := range rows {
		if r.Median.Valid {
			return true
		}
	}
	return false
}

func (s *Server) overviewRows(ctx context.Context, period int, rd string) ([]overviewRow, error) {
	rows, err := s.st.DB.QueryContext(ctx, overviewSQL, period, rd)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []overviewRow
	for rows.Next() {
		var o overviewRow
		if err := rows.Scan(&o.ID, &o.Name, &o.LocalAuthority, &o.Region, &o.Synthetic,
			&o.Composite, &o.Rank, &o.NAreas, &o.Coverage, &o.Missing,
			&o.Median, &o.P05, &o.P95, &o.Ranked, &o.Label, &o.ComputedLabel, &o.Kinds, &o.Loads, &o.Quarantined); err != nil {
			return nil, err
		}
		out = append(out, o)
	}
	return out, rows.Err()
}

// sortOverview sorts the rows by key; missing values go last either way.
func sortOverview(rows []overviewRow, key string, desc bool) {
	less := func(a, b overviewRow) (bool, bool) { // less, decided
		switch key {
		case "composite":
			return nullLess(a.Composite, b.Composite, !desc)
		case "rank":
			return nullLess(nf(a.Rank), nf(b.Rank), desc)
		case "interval":
			return nullLess(a.Median, b.Median, desc)
		case "model":
			if a.Label != b.Label {
				return (a.Label < b.Label) != desc, true
			}
		case "coverage":
			if a.Kinds != b.Kinds {
				return (a.Kinds > b.Kinds) != desc, true
			}
		}
		return false, false
	}
	sort.SliceStable(rows, func(i, j int) bool {
		if l, ok := less(rows[i], rows[j]); ok {
			return l
		}
		if key == "name" && desc {
			return strings.ToLower(rows[i].Name) > strings.ToLower(rows[j].Name)
		}
		return strings.ToLower(rows[i].Name) < strings.ToLower(rows[j].Name)
	})
}

// nullLess orders two nullable numbers: by value (descending when high is
// true), NULLs last. decided is false when they are equal.
func nullLess(a, b sql.NullFloat64, high bool) (less, decided bool) {
	switch {
	case a.Valid && !b.Valid:
		return true, true
	case !a.Valid && b.Valid:
		return false, true
	case !a.Valid || a.Float64 == b.Float64:
		return false, false
	case high:
		return a.Float64 > b.Float64, true
	}
	return a.Float64 < b.Float64, true
}

func nf(x sql.NullInt64) sql.NullFloat64 {
	return sql.NullFloat64{Float64: float64(x.Int64), Valid: x.Valid}
}

// residentDefs are the choices of resident definition, "R1 · lives here".
var residentDefs = func() []schemas.ResidentDef {
	out := make([]schemas.ResidentDef, len(schemas.ResidentDefs))
	for i, r := range schemas.ResidentDefs {
		out[i] = r
		out[i].Name = r.ID + " · " + r.Name
	}
	return out
}()

func residentDef(s string) string {
	s = strings.ToUpper(strings.TrimSpace(s))
	for _, r := range residentDefs {
		if r.ID == s {
			return s
		}
	}
	return residentDefs[0].ID
}
