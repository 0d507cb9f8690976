package chart

import (
	"image/color"
	"math"
	"sort"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/text"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
)

// marks is the one plotter every chart uses: it draws all the series of a
// Chart in the way its Kind says, the highlighted series last.
type marks struct {
	chart  *Chart
	colors []color.Color
}

const (
	radius      = 3
	radiusHi    = 5
	labelGap    = 7
	stripSpread = 0.4 // share of a row the jitter spreads over
)

var labelFont = font.From(sans, 8)

func (m *marks) labelStyle() text.Style {
	return text.Style{Color: ink, Font: labelFont, XAlign: draw.XLeft, YAlign: draw.YCenter, Handler: plot.DefaultTextHandler}
}

// jitter spreads the j-th mark of a strip row evenly and reproducibly.
func jitter(j int) float64 {
	f := math.Mod(float64(j)*0.6180339887, 1)
	return (f - 0.5) * stripSpread
}

// at is where a mark is drawn, in data coordinates.
func (m *marks) at(si, j int, mk Mark) (x, y float64) {
	x, y = mk.X, mk.Y
	c := m.chart
	switch c.Kind {
	case Strip:
		if !c.Series[si].Highlight {
			y += jitter(j)
		}
	case Bars:
		x += m.barOffset(si)
	case HBars:
		y += m.barOffset(si)
	}
	return x, y
}

// barWidth is the width of one bar in data units.
func (m *marks) barWidth() float64 { return 0.8 / float64(max(1, len(m.chart.Series))) }

func (m *marks) barOffset(si int) float64 {
	n := float64(len(m.chart.Series))
	return (float64(si) - (n-1)/2) * m.barWidth()
}

func (m *marks) order() []int {
	idx := make([]int, 0, len(m.chart.Series))
	for i, s := range m.chart.Series {
		if !s.Highlight {
			idx = append(idx, i)
		}
	}
	for i, s := range m.chart.Series {
		if s.Highlight {
			idx = append(idx, i)
		}
	}
	return idx
}

// Plot draws the marks.
func (m *marks) Plot(c draw.Canvas, p *plot.Plot) {
	tx, ty := p.Transforms(&c)
	ref := draw.LineStyle{Color: Grey, Width: vg.Points(0.8), Dashes: []vg.Length{vg.Points(3), vg.Points(3)}}
	for _, r := range m.chart.RefX {
		c.StrokeLine2(ref, tx(r), c.Min.Y, tx(r), c.Max.Y)
	}
	for _, r := range m.chart.RefY {
		c.StrokeLine2(ref, c.Min.X, ty(r), c.Max.X, ty(r))
	}
	if m.chart.Diagonal {
		lo, hi := math.Max(p.X.Min, p.Y.Min), math.Min(p.X.Max, p.Y.Max)
		c.StrokeLine2(draw.LineStyle{Color: Grey, Width: vg.Points(1)}, tx(lo), ty(lo), tx(hi), ty(hi))
	}
	ls := m.labelStyle()
	for _, si := range m.order() {
		s := m.chart.Series[si]
		col := m.colors[si]
		r := vg.Points(radius)
		lw := vg.Points(1.5)
		if s.Highlight {
			r, lw = vg.Points(radiusHi), vg.Points(2.5)
		}
		glyph := draw.GlyphStyle{Color: col, Radius: r, Shape: draw.CircleGlyph{}}
		switch m.chart.Kind {
		case Lines:
			pts := make([]Mark, len(s.Marks))
			copy(pts, s.Marks)
			sort.SliceStable(pts, func(a, b int) bool { return pts[a].X < pts[b].X })
			line := make([]vg.Point, len(pts))
			for j, mk := range pts {
				line[j] = vg.Point{X: tx(mk.X), Y: ty(mk.Y)}
			}
			if len(line) > 1 {
				c.StrokeLines(draw.LineStyle{Color: col, Width: lw}, c.ClipLinesXY(line)...)
			}
			glyph.Radius = r * 0.8
		case Bars:
			half := m.barWidth() / 2 * 0.92
			for j, mk := range s.Marks {
				x, y := m.at(si, j, mk)
				y0 := math.Max(p.Y.Min, 0)
				poly := []vg.Point{{X: tx(x - half), Y: ty(y0)}, {X: tx(x + half), Y: ty(y0)}, {X: tx(x + half), Y: ty(y)}, {X: tx(x - half), Y: ty(y)}}
				c.FillPolygon(col, c.ClipPolygonXY(poly))
			}
		case HBars:
			half := m.barWidth() / 2 * 0.92
			for j, mk := range s.Marks {
				x, y := m.at(si, j, mk)
				x0 := math.Max(p.X.Min, 0)
				poly := []vg.Point{{X: tx(x0), Y: ty(y - half)}, {X: tx(x0), Y: ty(y + half)}, {X: tx(x), Y: ty(y + half)}, {X: tx(x), Y: ty(y - half)}}
				c.FillPolygon(col, c.ClipPolygonXY(poly))
			}
		case Intervals:
			for _, mk := range s.Marks {
				c.StrokeLines(draw.LineStyle{Color: col, Width: lw}, c.ClipLinesXY([]vg.Point{{X: tx(mk.Lo), Y: ty(mk.Y)}, {X: tx(mk.Hi), Y: ty(mk.Y)}})...)
			}
		}
		for j, mk := range s.Marks {
			x, y := m.at(si, j, mk)
			pt := vg.Point{X: tx(x), Y: ty(y)}
			if m.chart.Kind != Bars && m.chart.Kind != HBars {
				c.DrawGlyph(glyph, pt)
			}
			if mk.Label != "" {
				c.FillText(ls, m.labelAt(c, p, pt, mk, y, r), mk.Label)
			}
		}
	}
}

// labelAt is where a mark's label goes: beside its glyph, interval or
// bar, or above its strip.
func (m *marks) labelAt(c draw.Canvas, p *plot.Plot, pt vg.Point, mk Mark, y float64, r vg.Length) vg.Point {
	tx, ty := p.Transforms(&c)
	ls := m.labelStyle()
	lp := pt
	switch m.chart.Kind {
	case Intervals:
		lp.X = math32max(tx(mk.Hi), tx(mk.Lo)) + vg.Points(labelGap)
	case Bars:
		lp.Y = ty(y) + vg.Points(6)
		lp.X -= ls.Width(mk.Label) / 2
	case HBars:
		lp.X = math32max(pt.X, tx(math.Max(p.X.Min, 0))) + vg.Points(labelGap-radius)
	case Strip:
		// Above the row's jitter band, centred on the mark.
		lp.Y = ty(y+stripSpread/2) + r + vg.Points(4)
		lp.X -= ls.Width(mk.Label) / 2
		lp.X = max(lp.X, c.Min.X)
		lp.X = min(lp.X, c.Max.X-ls.Width(mk.Label))
	default:
		lp.X += r + vg.Points(labelGap-radius)
	}
	return lp
}

func math32max(a, b vg.Length) vg.Length {
	if a > b {
		return a
	}
	return b
}

// DataRange is the extent of every mark.
func (m *marks) DataRange() (xmin, xmax, ymin, ymax float64) {
	xmin, ymin = math.Inf(1), math.Inf(1)
	xmax, ymax = math.Inf(-1), math.Inf(-1)
	for si, s := range m.chart.Series {
		for j, mk := range s.Marks {
			x, y := m.at(si, j, mk)
			xs := []float64{x}
			if m.chart.Kind == Intervals {
				xs = append(xs, mk.Lo, mk.Hi)
			}
			if m.chart.Kind == Bars {
				hw := m.barWidth() / 2
				xs = []float64{x - hw, x + hw}
				ymin, ymax = math.Min(ymin, 0), math.Max(ymax, 0)
			}
			if m.chart.Kind == HBars {
				hw := m.barWidth() / 2
				xs = []float64{x, 0}
				ymin, ymax = math.Min(ymin, y-hw), math.Max(ymax, y+hw)
			}
			for _, v := range xs {
				if !math.IsNaN(v) && !math.IsInf(v, 0) {
					xmin, xmax = math.Min(xmin, v), math.Max(xmax, v)
				}
			}
			if !math.IsNaN(y) && !math.IsInf(y, 0) {
				ymin, ymax = math.Min(ymin, y), math.Max(ymax, y)
			}
		}
	}
	if math.IsInf(xmin, 1) {
		xmin, xmax = 0, 1
	}
	if math.IsInf(ymin, 1) {
		ymin, ymax = 0, 1
	}
	return xmin, xmax, ymin, ymax
}

// GlyphBoxes keeps glyphs and labels inside the chart.
func (m *marks) GlyphBoxes(p *plot.Plot) []plot.GlyphBox {
	var boxes []plot.GlyphBox
	ls := m.labelStyle()
	for si, s := range m.chart.Series {
		r := vg.Points(radius)
		if s.Highlight {
			r = vg.Points(radiusHi)
		}
		for j, mk := range s.Marks {
			x, y := m.at(si, j, mk)
			if m.chart.Kind == Intervals {
				x = math.Max(mk.Lo, mk.Hi)
				if p.X.Scale != nil {
					if _, inv := p.X.Scale.(plot.InvertedScale); inv {
						x = math.Min(mk.Lo, mk.Hi)
					}
				}
			}
			b := plot.GlyphBox{X: p.X.Norm(x), Y: p.Y.Norm(y), Rectangle: vg.Rectangle{Min: vg.Point{X: -r, Y: -r}, Max: vg.Point{X: r, Y: r}}}
			if m.chart.Kind == Bars || m.chart.Kind == HBars {
				b.Rectangle = vg.Rectangle{Min: vg.Point{Y: 0}, Max: vg.Point{Y: 0}}
			}
			if mk.Label != "" {
				w := ls.Width(mk.Label)
				if m.chart.Kind == Strip {
					b.Rectangle.Max.Y = vg.Points(radiusHi+4) + ls.Height(mk.Label)
				} else if m.chart.Kind == Bars {
					b.Rectangle.Max.Y = vg.Points(6) + ls.Height(mk.Label)
					b.Rectangle.Min.X, b.Rectangle.Max.X = -w/2, w/2
				} else {
					b.Rectangle.Max.X = r + vg.Points(labelGap) + w
				}
			}
			boxes = append(boxes, b)
		}
	}
	return boxes
}
