package web

import (
	"html/template"
	"math"

	"github.com/ourbiggerstory/obs/pipeline/report/chart"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"gonum.org/v1/plot/vg"
)

// Charts are drawn by report/chart, as the packs' are: inline SVG made on
// the server, no script, nothing fetched, text escaped. Each has a title
// and a description for screen readers, and the page shows the same
// figures in a table beside it.

// chartWidth is the width of the pages' charts (about 760 pixels).
const chartWidth = 20 * vg.Centimeter

// svgOf is c drawn for a page; nothing when there is nothing to draw.
func svgOf(c *chart.Chart) template.HTML {
	svg, _, err := c.SVG()
	if err != nil {
		return ""
	}
	return template.HTML(svg) // report/chart escapes every text it draws
}

// rowsHeight is the height of a chart with one row per item.
func rowsHeight(rows int, perRow float64) vg.Length {
	return vg.Points(perRow*float64(max(rows, 1)) + 45)
}

// bar is one row of a bar chart.
type bar struct {
	Label   string
	Value   float64
	Missing string // why there is no value ("" when there is one)
	Text    string // the value as shown
}

// barChart draws horizontal bars, one per row in the order given (the
// first at the top), from zero (negative values to the left of it).
func barChart(title, desc string, bars []bar) template.HTML {
	names := make([]string, len(bars))
	var s chart.Series
	for i, b := range bars {
		names[i] = clip(b.Label, 30)
		m := chart.Mark{X: b.Value, Y: float64(i), Label: b.Text}
		if b.Missing != "" {
			m = chart.Mark{Y: float64(i), Label: "no value: " + clip(b.Missing, 70)}
		}
		s.Marks = append(s.Marks, m)
	}
	return svgOf(&chart.Chart{Kind: chart.HBars, Title: title, Desc: desc,
		Y: chart.Axis{Names: names, Invert: true}, Series: []chart.Series{s},
		Width: chartWidth, Height: rowsHeight(len(bars), 16)})
}

// point is one area on a strip chart.
type point struct {
	Label     string
	Value     float64
	Highlight bool
}

// stripChart places every area on one line, the highlighted one larger and
// labelled: where does this area sit among the others?
func stripChart(title, desc string, pts []point, lowLabel, highLabel string) template.HTML {
	others := chart.Series{Color: chart.Grey}
	var me []chart.Series
	for _, p := range pts {
		if p.Highlight {
			me = append(me, chart.Series{Highlight: true, Marks: []chart.Mark{{X: p.Value, Label: clip(p.Label, 28) + " " + tabular.Number(p.Value)}}})
			continue
		}
		others.Marks = append(others.Marks, chart.Mark{X: p.Value})
	}
	return svgOf(&chart.Chart{Kind: chart.Strip, Title: title, Desc: desc,
		X: chart.Axis{Label: "← " + lowLabel + " · " + highLabel + " →"}, Y: chart.Axis{Names: []string{""}},
		Series: append([]chart.Series{others}, me...), Width: 15 * vg.Centimeter, Height: 3.2 * vg.Centimeter})
}

// interval is one area's rank and its 5–95% interval.
type interval struct {
	Label         string
	Rank          float64 // median rank
	Lo, Hi        float64
	Ranked, Known bool
}

// intervalChart draws each area's median rank with its 5–95% interval,
// rank 1 (the most resident-led) on the left; areas not ranked in grey,
// areas without an interval as an empty row.
func intervalChart(title, desc string, rows []interval, n int) template.HTML {
	names := make([]string, len(rows))
	ranked, unranked := chart.Series{}, chart.Series{Color: chart.Grey}
	for i, iv := range rows {
		names[i] = clip(iv.Label, 30)
		if !iv.Known {
			continue
		}
		m := chart.Mark{X: iv.Rank, Y: float64(i), Lo: iv.Lo, Hi: iv.Hi}
		if iv.Ranked {
			ranked.Marks = append(ranked.Marks, m)
		} else {
			unranked.Marks = append(unranked.Marks, m)
		}
	}
	lo, hi := 1.0, float64(max(n, 2))
	return svgOf(&chart.Chart{Kind: chart.Intervals, Title: title, Desc: desc,
		X: chart.Axis{Label: "rank (1 = most resident-led)", Integer: true, Min: &lo, Max: &hi},
		Y: chart.Axis{Names: names, Invert: true}, Series: []chart.Series{unranked, ranked},
		Width: chartWidth, Height: rowsHeight(len(rows), 14)})
}

// membershipChart draws the three models' memberships, 0 to 1, with the
// 0.5 crossover marked.
func membershipChart(title, desc string, labels []string, values []float64, known []bool) template.HTML {
	var s chart.Series
	for i := range labels {
		m := chart.Mark{Y: float64(i), Label: "no evidence"}
		if known[i] {
			m = chart.Mark{X: math.Max(0, math.Min(1, values[i])), Y: float64(i), Label: tabular.Number(values[i])}
		}
		s.Marks = append(s.Marks, m)
	}
	lo, hi := 0.0, 1.0
	return svgOf(&chart.Chart{Kind: chart.HBars, Title: title, Desc: desc,
		X: chart.Axis{Label: "membership", Min: &lo, Max: &hi}, Y: chart.Axis{Names: labels, Invert: true},
		RefX: []float64{0.5}, Series: []chart.Series{s}, Width: 15 * vg.Centimeter, Height: rowsHeight(len(labels), 22)})
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
