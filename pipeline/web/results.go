package web

import (
	"context"
	"fmt"
	"net/http"
	"strings"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/report"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// resultView is a query result as the page shows it: readable column
// titles (the column's own name on hover), areas by name, reporting years as
// 2021-22, a dash for a missing value. Downloads keep the data as stored.
type resultView struct {
	Columns   []string // as the SQL names them
	Titles    []string // as a person reads them
	Numeric   []bool   // right-aligned columns
	Rows      [][]cellView
	Total     int
	Truncated bool
	Cut       bool // stopped at the page's size in bytes, not at Limit rows
	Limit     int
	Elapsed   string
}

// cellView is one cell: its text, a second line in grey (an area's id
// under its name), and whether it is missing.
type cellView struct {
	Text, Sub string
	Null      bool
}

func viewOf(t *tabular.Table, truncated bool, limit int, elapsed time.Duration, areaNames map[string]string) *resultView {
	v := &resultView{Columns: t.Columns, Truncated: truncated, Limit: limit, Total: len(t.Rows), Numeric: make([]bool, len(t.Columns))}
	kinds := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		if i < len(t.Types) {
			v.Numeric[i] = numericType(t.Types[i])
		}
		v.Titles = append(v.Titles, columnTitle(c))
		switch {
		case c == "period" && v.Numeric[i]:
			kinds[i], v.Numeric[i] = "period", false
		case c == "area_id":
			kinds[i] = "area"
		}
	}
	if elapsed > 0 {
		v.Elapsed = elapsed.Round(time.Millisecond).String()
	}
	for r, row := range t.Rows {
		cells := make([]cellView, len(row))
		for i, c := range row {
			cells[i] = cellView{Text: t.Display(r, i), Null: c == nil}
			if c == nil {
				continue
			}
			switch kinds[i] {
			case "period":
				cells[i].Text = periodLabel(c)
			case "area":
				if name, ok := areaNames[fmt.Sprint(c)]; ok {
					cells[i].Text, cells[i].Sub = name, fmt.Sprint(c)
				}
			}
		}
		v.Rows = append(v.Rows, cells)
	}
	return v
}

// columnTitle is a column's name as a heading: words, not underscores
// ("resident_attendees" → "Resident attendees"; "area_id" → "Area").
func columnTitle(c string) string {
	switch c {
	case "area_id":
		return "Area"
	case "period":
		return "Reporting year"
	}
	t := strings.TrimSpace(strings.ReplaceAll(c, "_", " "))
	if t == "" {
		return c
	}
	return strings.ToUpper(t[:1]) + t[1:]
}

// areaNames maps every area's id to its name, for result tables.
func (s *Server) areaNames(ctx context.Context) map[string]string {
	as, err := s.areas(ctx)
	if err != nil {
		s.opt.Logf("obs serve: area names: %v", err)
		return nil
	}
	m := make(map[string]string, len(as))
	for _, a := range as {
		m[a.ID] = a.Name
	}
	return m
}

// downloadName is a download's file name (without extension): the query's
// name and each parameter given, compare_areas_period-2021-22, say.
func downloadName(name string, params []tabular.Fact) string {
	parts := []string{name}
	for _, p := range params {
		parts = append(parts, p.Name+"-"+p.Value)
	}
	return strings.Join(parts, "_")
}

// record is what a download says about itself.
func (s *Server) record(ctx context.Context, name, description string, params []tabular.Fact, sqlText string) tabular.Record {
	rec := tabular.Record{{Name: "Query", Value: name}}
	if description != "" {
		rec = append(rec, tabular.Fact{Name: "What it answers", Value: description})
	}
	if len(params) == 0 {
		rec = append(rec, tabular.Fact{Name: "Parameters", Value: "none given (the query's defaults)"})
	}
	for _, p := range params {
		rec = append(rec, tabular.Fact{Name: "Parameter " + p.Name, Value: p.Value})
	}
	rec = append(rec, tabular.Fact{Name: "Made", Value: time.Now().UTC().Format("2 January 2006, 15:04 UTC")})
	if sum, err := steps.Fingerprint(ctx, s.st.DB); err == nil {
		rec = append(rec, tabular.Fact{Name: "Data checksum (SHA-256)", Value: sum})
	} else {
		s.opt.Logf("obs serve: download record: %v", err)
	}
	if s.synthetic(ctx) {
		rec = append(rec, tabular.Fact{Name: "Synthetic data", Value: report.Banner + ": every figure comes from synthetic sample returns; none describes a real Big Local area."})
	}
	return append(rec, tabular.Fact{Name: "SQL", Value: strings.TrimSpace(sqlText)})
}

// downloadTypes are the content types of query downloads.
var downloadTypes = map[string]string{tabular.FormatCSV: "text/csv; charset=utf-8", tabular.FormatXLSX: packTypes["xlsx"]}

func (s *Server) writeTable(w http.ResponseWriter, r *http.Request, name, format string, t *tabular.Table, rec tabular.Record) {
	download(w, name+"."+format, downloadTypes[format])
	if err := tabular.WriteRecorded(w, t, format, rec); err != nil {
		s.opt.Logf("obs serve: %s: %v", r.URL.Path, err)
	}
}
