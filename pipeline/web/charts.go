package web

import (
	"fmt"
	"html"
	"html/template"
	"math"
	"strings"
	"sync/atomic"
)

// Charts are inline SVG drawn here, server-side: no script, nothing fetched.
// Every text from the data goes through esc. Each chart has a title and a
// description for screen readers, and the page shows the same figures in a
// table beside it.

var chartSeq atomic.Int64

func esc(s string) string { return html.EscapeString(s) }

// Colours with at least 4.5:1 contrast on white.
const (
	colBar       = "#1f5f8b"
	colHighlight = "#b5400b"
	colMuted     = "#5f6368"
	colAxis      = "#3c4043"
	colGrid      = "#dadce0"
)

// bar is one row of a bar chart.
type bar struct {
	Label     string
	Value     float64
	Missing   string // why there is no value ("" when there is one)
	Highlight bool
	Text      string // the value as shown
}

// barChart draws horizontal bars, one per row, from zero (negative values
// to the left of the zero line).
func barChart(title, desc string, bars []bar) template.HTML {
	const width, labelW, rowH, top, right = 760.0, 210.0, 22.0, 28.0, 90.0
	height := top + rowH*float64(len(bars)) + 30
	lo, hi := 0.0, 0.0
	for _, b := range bars {
		if b.Missing == "" {
			lo, hi = math.Min(lo, b.Value), math.Max(hi, b.Value)
		}
	}
	if hi == lo {
		hi = lo + 1
	}
	step := niceStep((hi - lo) / 4)
	lo, hi = math.Floor(lo/step)*step, math.Ceil(hi/step)*step
	plotW := width - labelW - right
	x := func(v float64) float64 { return labelW + (v-lo)/(hi-lo)*plotW }
	var sb strings.Builder
	id := openSVG(&sb, width, height, title, desc)
	_ = id
	// Grid and axis, at round numbers.
	for v := lo; v <= hi+step/2; v += step {
		fmt.Fprintf(&sb, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/>`, x(v), top-6, x(v), height-26, colGrid)
		fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="11" fill="%s">%s</text>`, x(v), height-10, colMuted, esc(fmtNum(v)))
	}
	fmt.Fprintf(&sb, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/>`, x(0), top-6, x(0), height-26, colAxis)
	for i, b := range bars {
		y := top + rowH*float64(i)
		weight := ""
		if b.Highlight {
			weight = ` font-weight="bold"`
		}
		fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" text-anchor="end" font-size="12" fill="%s"%s>%s</text>`, labelW-8, y+rowH*0.65, colAxis, weight, esc(clip(b.Label, 30)))
		if b.Missing != "" {
			fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" font-size="11" fill="%s" font-style="italic">no value: %s</text>`, labelW+4, y+rowH*0.65, colMuted, esc(clip(b.Missing, 70)))
			continue
		}
		col := colBar
		if b.Highlight {
			col = colHighlight
		}
		x0, x1 := x(math.Min(0, b.Value)), x(math.Max(0, b.Value))
		if x1-x0 < 1 {
			x1 = x0 + 1
		}
		fmt.Fprintf(&sb, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s: %s</title></rect>`,
			x0, y+3, x1-x0, rowH-6, col, esc(b.Label), esc(b.Text))
		fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" font-size="11" fill="%s">%s</text>`, x(math.Max(0, b.Value))+4, y+rowH*0.65, colAxis, esc(b.Text))
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// niceStep rounds a tick step up to 1, 2 or 5 times a power of ten.
func niceStep(raw float64) float64 {
	if raw <= 0 || math.IsNaN(raw) || math.IsInf(raw, 0) {
		return 1
	}
	p := math.Pow(10, math.Floor(math.Log10(raw)))
	for _, m := range []float64{1, 2, 5, 10} {
		if m*p >= raw {
			return m * p
		}
	}
	return 10 * p
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
	const width, height, pad = 560.0, 64.0, 24.0
	lo, hi := math.Inf(1), math.Inf(-1)
	for _, p := range pts {
		lo, hi = math.Min(lo, p.Value), math.Max(hi, p.Value)
	}
	if len(pts) == 0 {
		lo, hi = 0, 1
	}
	if hi == lo {
		lo, hi = lo-1, hi+1
	}
	x := func(v float64) float64 { return pad + (v-lo)/(hi-lo)*(width-2*pad) }
	var sb strings.Builder
	openSVG(&sb, width, height, title, desc)
	fmt.Fprintf(&sb, `<line x1="%.1f" y1="30" x2="%.1f" y2="30" stroke="%s"/>`, pad, width-pad, colAxis)
	fmt.Fprintf(&sb, `<text x="%.1f" y="56" font-size="11" fill="%s">%s</text>`, pad, colMuted, esc(lowLabel))
	fmt.Fprintf(&sb, `<text x="%.1f" y="56" font-size="11" text-anchor="end" fill="%s">%s</text>`, width-pad, colMuted, esc(highLabel))
	var hl *point
	for i := range pts {
		p := pts[i]
		if p.Highlight {
			hl = &pts[i]
			continue
		}
		fmt.Fprintf(&sb, `<circle cx="%.1f" cy="30" r="5" fill="%s" fill-opacity="0.55"><title>%s: %s</title></circle>`, x(p.Value), colBar, esc(p.Label), esc(fmtNum(p.Value)))
	}
	if hl != nil {
		cx := x(hl.Value)
		anchor := "middle"
		if cx < 80 {
			anchor = "start"
		} else if cx > width-80 {
			anchor = "end"
		}
		fmt.Fprintf(&sb, `<circle cx="%.1f" cy="30" r="8" fill="%s" stroke="#fff" stroke-width="2"><title>%s: %s</title></circle>`, cx, colHighlight, esc(hl.Label), esc(fmtNum(hl.Value)))
		fmt.Fprintf(&sb, `<text x="%.1f" y="14" font-size="12" font-weight="bold" text-anchor="%s" fill="%s">%s %s</text>`, cx, anchor, colHighlight, esc(clip(hl.Label, 28)), esc(fmtNum(hl.Value)))
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// interval is one area's rank and its 5–95% interval.
type interval struct {
	Label         string
	Rank          float64 // median rank
	Lo, Hi        float64
	Ranked, Known bool
	Highlight     bool
}

// intervalChart draws each area's median rank with its 5–95% interval,
// rank 1 (the most resident-led) on the left.
func intervalChart(title, desc string, rows []interval, n int) template.HTML {
	const width, labelW, rowH, top, right = 760.0, 210.0, 20.0, 26.0, 30.0
	if n < 2 {
		n = 2
	}
	height := top + rowH*float64(len(rows)) + 30
	x := func(r float64) float64 { return labelW + (r-1)/float64(n-1)*(width-labelW-right) }
	var sb strings.Builder
	openSVG(&sb, width, height, title, desc)
	for r := 1; r <= n; r++ {
		if r == 1 || r == n || r%5 == 0 {
			fmt.Fprintf(&sb, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s"/>`, x(float64(r)), top-6, x(float64(r)), height-26, colGrid)
			fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="11" fill="%s">%d</text>`, x(float64(r)), height-10, colMuted, r)
		}
	}
	for i, iv := range rows {
		y := top + rowH*float64(i) + rowH/2
		fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" text-anchor="end" font-size="12" fill="%s">%s</text>`, labelW-8, y+4, colAxis, esc(clip(iv.Label, 30)))
		if !iv.Known {
			fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" font-size="11" font-style="italic" fill="%s">no interval</text>`, labelW+4, y+4, colMuted)
			continue
		}
		col := colBar
		if !iv.Ranked {
			col = colMuted
		}
		if iv.Highlight {
			col = colHighlight
		}
		fmt.Fprintf(&sb, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-width="3"/>`, x(iv.Lo), y, x(iv.Hi), y, col)
		fmt.Fprintf(&sb, `<circle cx="%.1f" cy="%.1f" r="5" fill="%s"><title>%s: median rank %s, 5–95%%: %s to %s</title></circle>`,
			x(iv.Rank), y, col, esc(iv.Label), esc(fmtNum(iv.Rank)), esc(fmtNum(iv.Lo)), esc(fmtNum(iv.Hi)))
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// membershipChart draws the three models' memberships, 0 to 1, with the
// 0.5 crossover marked.
func membershipChart(title, desc string, labels []string, values []float64, known []bool) template.HTML {
	return barChartScaled(title, desc, labels, values, known, 0, 1, 0.5)
}

func barChartScaled(title, desc string, labels []string, values []float64, known []bool, lo, hi, mark float64) template.HTML {
	const width, labelW, rowH, top, right = 560.0, 220.0, 24.0, 12.0, 50.0
	height := top + rowH*float64(len(labels)) + 28
	x := func(v float64) float64 { return labelW + (v-lo)/(hi-lo)*(width-labelW-right) }
	var sb strings.Builder
	openSVG(&sb, width, height, title, desc)
	fmt.Fprintf(&sb, `<line x1="%.1f" y1="%.1f" x2="%.1f" y2="%.1f" stroke="%s" stroke-dasharray="4 3"/>`, x(mark), top-4, x(mark), height-24, colAxis)
	for _, v := range []float64{lo, mark, hi} {
		fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" text-anchor="middle" font-size="11" fill="%s">%s</text>`, x(v), height-8, colMuted, esc(fmtNum(v)))
	}
	for i, l := range labels {
		y := top + rowH*float64(i)
		fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" text-anchor="end" font-size="12" fill="%s">%s</text>`, labelW-8, y+rowH*0.65, colAxis, esc(l))
		if !known[i] {
			fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" font-size="11" font-style="italic" fill="%s">no evidence</text>`, labelW+4, y+rowH*0.65, colMuted)
			continue
		}
		v := math.Max(lo, math.Min(hi, values[i]))
		fmt.Fprintf(&sb, `<rect x="%.1f" y="%.1f" width="%.1f" height="%.1f" fill="%s"><title>%s: %s</title></rect>`,
			x(lo), y+3, math.Max(1, x(v)-x(lo)), rowH-6, colBar, esc(l), esc(fmtNum(values[i])))
		fmt.Fprintf(&sb, `<text x="%.1f" y="%.1f" font-size="11" fill="%s">%s</text>`, x(v)+4, y+rowH*0.65, colAxis, esc(fmtNum(values[i])))
	}
	sb.WriteString(`</svg>`)
	return template.HTML(sb.String())
}

// openSVG starts an accessible SVG element and returns its id.
func openSVG(sb *strings.Builder, width, height float64, title, desc string) string {
	id := fmt.Sprintf("chart%d", chartSeq.Add(1))
	fmt.Fprintf(sb, `<svg xmlns="http://www.w3.org/2000/svg" class="chart" width="%.0f" height="%.0f" viewBox="0 0 %.0f %.0f" role="img" aria-labelledby="%s-t %s-d" font-family="system-ui, sans-serif">`,
		width, height, width, height, id, id)
	fmt.Fprintf(sb, `<title id="%s-t">%s</title><desc id="%s-d">%s</desc>`, id, esc(title), id, esc(desc))
	return id
}

func clip(s string, n int) string {
	r := []rune(s)
	if len(r) <= n {
		return s
	}
	return string(r[:n-1]) + "…"
}
