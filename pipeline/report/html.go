package report

import (
	_ "embed"
	"html/template"
	"io"
	"regexp"

	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

//go:embed pack.html.tmpl
var packTemplate string

//go:embed pack.css
var packCSS string

// Banner is the text every page of a pack built from synthetic data carries.
const Banner = "Synthetic data — not real figures"

var funcs = template.FuncMap{
	"num":      tabular.NullNumber,
	"rank":     Rank,
	"model":    func(m int64) string { return ModelName(int(m)) },
	"period":   func(p any) string { return schemas.Period(toInt(p)).String() },
	"resident": ResidentName,
	"count":    tabular.NullCount,
	"count64":  tabular.Count,
	"pct":      tabular.NullPercent,
	"plural":   func(n int64, what string) string { return tabular.Plural(int(n), what) },
	"css": func(c string) template.CSS {
		if cssColour.MatchString(c) {
			return template.CSS(c) // #nosec: a #rrggbb colour from package chart
		}
		return ""
	},
	"limit": func(s []Segment, n int) []Segment {
		if len(s) > n {
			return s[:n]
		}
		return s
	},
	"sub":      func(a, b int) int { return a - b },
	"barWidth": func(n, of int) int { return max(1, n*100/max(1, of)) },
}

var cssColour = regexp.MustCompile(`^#[0-9a-f]{6}$`)

func toInt(v any) int {
	switch x := v.(type) {
	case int:
		return x
	case int64:
		return int(x)
	case int32:
		return int(x)
	}
	return 0
}

var tmpl = template.Must(template.New("pack").Funcs(funcs).Parse(packTemplate))

// page is what the template sees: the pack, its charts and its tables.
type page struct {
	*Pack
	CSS              template.CSS
	Banner           string
	NAreas           int
	MainResident     string
	PeriodsCovered   string
	PeriodsScored    string
	Strips           []Figure
	ResidentChart    *Figure
	IntervalChart    *Figure
	SensitivityChart *Figure
	MembershipChart  *Figure
	TrendCharts      []Figure
	TrendRows        []trendRow
	Excerpts         int
	MaxCode          int
}

type trendRow struct {
	Label string
	Cells []*Score // one per period
}

// WriteHTML writes the pack as one self-contained HTML page: styles and SVG
// charts inline, nothing fetched, every value escaped.
func (p *Pack) WriteHTML(w io.Writer) error {
	return tmpl.Execute(w, p.page())
}

func (p *Pack) page() *page {
	pg := &page{Pack: p, CSS: template.CSS(packCSS), Banner: Banner, Excerpts: p.Opt.Excerpts}
	if pg.Excerpts <= 0 {
		pg.Excerpts = 5
	}
	pg.NAreas = len(p.data.ScoredAreas())
	pg.MainResident = "R1"
	for _, s := range p.Profile {
		if s.ResidentDef != "-" && s.ResidentDef != "" {
			pg.MainResident = s.ResidentDef
			break
		}
	}
	var covered []int
	for _, pr := range p.ReturnPeriods {
		for _, r := range p.Returns {
			if c := r.Cells[indexOf(p.ReturnPeriods, pr)]; c.Present {
				covered = append(covered, pr)
				break
			}
		}
	}
	pg.PeriodsCovered = periodList(covered)
	pg.PeriodsScored = periodList(p.Periods)
	for _, s := range p.Profile {
		pg.Strips = append(pg.Strips, p.StripFigure(s))
	}
	if len(p.ResidentRanks) > 0 && len(p.ResidentDefs) > 1 {
		f := p.ResidentFigure()
		pg.ResidentChart = &f
	}
	if len(p.AllInterval) > 0 {
		f := p.IntervalFigure()
		pg.IntervalChart = &f
	}
	pg.SensitivityChart = p.SensitivityFigure()
	if len(p.Memberships) > 0 {
		f := p.MembershipFigure()
		pg.MembershipChart = &f
	}
	if len(p.Periods) > 1 {
		pg.TrendCharts = append(pg.TrendCharts, p.TrendFigure())
		if len(p.TrendRanks) > 1 {
			pg.TrendCharts = append(pg.TrendCharts, p.TrendRankFigure())
		}
		if len(p.TrendMembership) > 3 {
			pg.TrendCharts = append(pg.TrendCharts, p.TrendMembershipFigure())
		}
		pg.TrendRows = p.trendRows()
	}
	for _, c := range p.Codes {
		pg.MaxCode = max(pg.MaxCode, len(c.Segments))
	}
	return pg
}

func (p *Pack) trendRows() []trendRow {
	var rows []trendRow
	for _, s := range p.Trend {
		if len(rows) == 0 || rows[len(rows)-1].Label != s.Label {
			rows = append(rows, trendRow{Label: s.Label, Cells: make([]*Score, len(p.Periods))})
		}
		if i := indexOf(p.Periods, s.Period); i >= 0 {
			rows[len(rows)-1].Cells[i] = s
		}
	}
	return rows
}

func indexOf(xs []int, x int) int {
	for i, v := range xs {
		if v == x {
			return i
		}
	}
	return -1
}

// Stylesheet is the packs' CSS, for other pages (notebooks, indexes) to
// look the same.
func Stylesheet() string { return packCSS }
