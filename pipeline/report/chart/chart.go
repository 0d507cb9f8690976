// Package chart draws the charts of evidence packs and notebooks with
// gonum.org/v1/plot, as SVG ready to inline in an HTML page: points, lines,
// bars, strips (one-dimensional scatter with jitter) and intervals, on
// numeric or nominal axes, with one mark set apart (the area a pack is about).
// Legends are returned as data, for the page to draw as HTML.
package chart

import (
	"bytes"
	"errors"
	"fmt"
	"html"
	"image/color"
	"math"
	"regexp"
	"strings"

	"gonum.org/v1/plot"
	"gonum.org/v1/plot/font"
	"gonum.org/v1/plot/vg"
	"gonum.org/v1/plot/vg/draw"
	"gonum.org/v1/plot/vg/vgsvg"

	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// Kind is how a chart draws its marks.
type Kind int

const (
	Points    Kind = iota // a glyph per mark
	Lines                 // each series joined in X order, with a glyph per mark
	Bars                  // vertical bars from zero; series side by side
	Strip                 // glyphs jittered around their nominal Y row
	Intervals             // a segment from Lo to Hi on X with a glyph at X
	HBars                 // horizontal bars from zero along X; series side by side
)

// Mark is one datum. On a nominal axis the coordinate is the category's
// index in Names.
type Mark struct {
	X, Y   float64
	Lo, Hi float64 // Intervals only: the segment on X
	Label  string  // drawn beside the mark when not empty
}

// Series is a set of marks drawn alike.
type Series struct {
	Name      string
	Color     color.Color // nil: the next colour of the palette
	Highlight bool        // drawn larger, on top, in the highlight colour unless Color is set
	Marks     []Mark
}

// Axis describes one axis.
type Axis struct {
	Label string
	Names []string // a nominal axis: category i at coordinate i
	// Ticks replace the numeric tick labels (periods shown as 2019-20).
	Ticks    []plot.Tick
	Min, Max *float64 // fixed range; nil: from the data
	Invert   bool     // larger values at the left or bottom (ranks: 1 at the top)
	Integer  bool     // only whole-number ticks
	// Slant turns the tick labels of a horizontal axis by 40 degrees, for
	// many or long category names; NeedsSlant says when.
	Slant bool
}

// Chart is one chart.
type Chart struct {
	Kind          Kind
	Title         string // shown above the chart and read by screen readers
	Desc          string // a longer description for screen readers; "" for none
	X, Y          Axis
	Series        []Series
	RefX, RefY    []float64 // dashed reference lines (a crossover at 0.5)
	Diagonal      bool      // a solid grey line where Y = X (a QCA sufficiency plot)
	Width, Height vg.Length // 0: 16 cm by 7 cm
}

// LegendEntry is one series in the legend the page draws.
type LegendEntry struct {
	Name  string
	Color string // CSS colour, #rrggbb
}

// Palette is the Okabe–Ito palette, distinguishable with colour blindness.
var Palette = []color.Color{
	rgb(0x00, 0x72, 0xB2), rgb(0xE6, 0x9F, 0x00), rgb(0x00, 0x9E, 0x73), rgb(0xCC, 0x79, 0xA7),
	rgb(0x56, 0xB4, 0xE9), rgb(0xD5, 0x5E, 0x00), rgb(0xF0, 0xE4, 0x42), rgb(0x00, 0x00, 0x00),
}

// Grey is for the other areas; Highlight is for the area a pack is about.
var (
	Grey      = rgb(0xA0, 0xA0, 0xA0)
	Highlight = rgb(0xD5, 0x5E, 0x00)
	ink       = rgb(0x33, 0x33, 0x33)
)

func rgb(r, g, b uint8) color.Color { return color.RGBA{r, g, b, 0xff} }

// CSS is c as #rrggbb.
func CSS(c color.Color) string {
	r, g, b, _ := c.RGBA()
	return fmt.Sprintf("#%02x%02x%02x", r>>8, g>>8, b>>8)
}

// ErrEmpty is returned for a chart with nothing to draw.
var ErrEmpty = errors.New("nothing to chart: no values")

var sans = font.Font{Typeface: "Liberation", Variant: "Sans"}

// SVG draws c and returns an <svg> element to inline in HTML (no XML
// prologue), and the legend of its named series.
func (c *Chart) SVG() ([]byte, []LegendEntry, error) {
	n := 0
	for _, s := range c.Series {
		n += len(s.Marks)
	}
	if n == 0 {
		return nil, nil, ErrEmpty
	}
	w, h := c.Width, c.Height
	if w == 0 {
		w = 16 * vg.Centimeter
	}
	if h == 0 {
		h = 7 * vg.Centimeter
	}
	p := plot.New()
	style(p)
	m := &marks{chart: c, colors: make([]color.Color, len(c.Series))}
	var legend []LegendEntry
	next := 0
	for i, s := range c.Series {
		switch {
		case s.Color != nil:
			m.colors[i] = s.Color
		case s.Highlight:
			m.colors[i] = Highlight
		default:
			m.colors[i] = Palette[next%len(Palette)]
			next++
		}
		if s.Name != "" {
			legend = append(legend, LegendEntry{Name: s.Name, Color: CSS(m.colors[i])})
		}
	}
	p.Add(m)
	axis(&p.X, c.X, true, p)
	axis(&p.Y, c.Y, false, p)
	switch c.Kind {
	case Bars:
		p.Y.Min = math.Min(p.Y.Min, 0)
	case HBars:
		p.X.Min = math.Min(p.X.Min, 0)
	}
	for _, r := range c.RefY {
		p.Y.Min, p.Y.Max = math.Min(p.Y.Min, r), math.Max(p.Y.Max, r)
	}
	for _, r := range c.RefX {
		p.X.Min, p.X.Max = math.Min(p.X.Min, r), math.Max(p.X.Max, r)
	}
	fix(&p.X, c.X)
	fix(&p.Y, c.Y)
	cv := vgsvg.New(w, h)
	p.Draw(draw.New(cv))
	var buf bytes.Buffer
	if _, err := cv.WriteTo(&buf); err != nil {
		return nil, nil, err
	}
	return inline(buf.Bytes(), c.Title, c.Desc), legend, nil
}

func style(p *plot.Plot) {
	p.BackgroundColor = color.Transparent
	for _, a := range []*plot.Axis{&p.X, &p.Y} {
		a.Label.TextStyle.Font = font.From(sans, 10)
		a.Tick.Label.Font = font.From(sans, 9)
		a.Color, a.Tick.Color = ink, ink
		a.Label.TextStyle.Color, a.Tick.Label.Color = ink, ink
	}
}

func axis(pa *plot.Axis, a Axis, horizontal bool, p *plot.Plot) {
	pa.Label.Text = a.Label
	if len(a.Names) > 0 {
		names := a.Names
		if horizontal {
			p.NominalX(names...)
		} else {
			p.NominalY(names...)
		}
		pa.Min = math.Min(pa.Min, -0.5)
		pa.Max = math.Max(pa.Max, float64(len(names))-0.5)
	}
	switch {
	case a.Ticks != nil:
		pa.Tick.Marker = plot.ConstantTicks(a.Ticks)
	case a.Integer && len(a.Names) == 0:
		pa.Tick.Marker = plot.TickerFunc(integerTicks)
	case len(a.Names) == 0:
		pa.Tick.Marker = plot.TickerFunc(plainTicks)
	}
	if a.Invert {
		pa.Scale = plot.InvertedScale{Normalizer: plot.LinearScale{}}
	}
	if a.Slant && horizontal {
		pa.Tick.Label.Rotation = 40 * math.Pi / 180
		pa.Tick.Label.XAlign = draw.XRight
		pa.Tick.Label.YAlign = draw.YCenter
	}
}

// NeedsSlant says whether category names would crowd a horizontal axis of
// the given width: more than about one character per 6.5 points.
func NeedsSlant(names []string, width vg.Length) bool {
	if width == 0 {
		width = 16 * vg.Centimeter
	}
	longest := 0
	for _, n := range names {
		longest = max(longest, len([]rune(n)))
	}
	return float64(longest*len(names))*5.2 > float64(width)*0.85
}

// fix applies fixed ranges and widens a range of one value.
func fix(pa *plot.Axis, a Axis) {
	if a.Min != nil {
		pa.Min = *a.Min
	}
	if a.Max != nil {
		pa.Max = *a.Max
	}
	if pa.Max-pa.Min < 1e-9 {
		pad := math.Max(math.Abs(pa.Min)*0.1, 1)
		pa.Min, pa.Max = pa.Min-pad, pa.Max+pad
	}
	if len(a.Names) == 0 && a.Min == nil && a.Max == nil {
		span := pa.Max - pa.Min
		pa.Min -= span * 0.04
		pa.Max += span * 0.04
	}
}

// integerTicks marks whole numbers only, about six of them.
func integerTicks(min, max float64) []plot.Tick {
	lo, hi := math.Ceil(min), math.Floor(max)
	if hi < lo {
		return nil
	}
	step := math.Max(1, math.Ceil((hi-lo)/6))
	var ts []plot.Tick
	for v := lo; v <= hi; v += step {
		ts = append(ts, plot.Tick{Value: v, Label: tabular.Exact(v)})
	}
	return ts
}

// plainTicks are gonum's ticks labelled as tabular.Exact writes them: no
// trailing zeros (0, 25, 50 rather than 0.00, 25.00, 50.00), the minus sign
// and thousands separators of every other figure.
func plainTicks(min, max float64) []plot.Tick {
	ts := plot.DefaultTicks{}.Ticks(min, max)
	for i := range ts {
		if ts[i].Label != "" {
			ts[i].Label = tabular.Exact(ts[i].Value)
		}
	}
	return ts
}

// inline turns vgsvg's document into an element for an HTML page: no XML
// prologue, no style attributes, an accessible name, a title and a
// description.
func inline(doc []byte, title, desc string) []byte {
	i := bytes.Index(doc, []byte("<svg"))
	if i < 0 {
		return doc
	}
	doc = attributes(doc[i:])
	end := bytes.IndexByte(doc, '>')
	t := html.EscapeString(title)
	var b bytes.Buffer
	b.Grow(len(doc) + 2*len(t) + len(desc) + 80)
	b.Write(doc[:end])
	fmt.Fprintf(&b, ` role="img" aria-label="%s" class="chart chart-svg">`, t)
	if t != "" {
		fmt.Fprintf(&b, "<title>%s</title>", t)
	}
	if desc != "" {
		fmt.Fprintf(&b, "<desc>%s</desc>", html.EscapeString(desc))
	}
	b.Write(doc[end+1:])
	return b.Bytes()
}

var styleAttr = regexp.MustCompile(`\sstyle="([^"]*)"`)

// attributes turns vgsvg's style="fill:#333;stroke-width:0.5" into the
// same SVG presentation attributes (fill="#333" stroke-width="0.5"): a page
// whose Content-Security-Policy forbids inline styles (the web interface's)
// still draws them.
func attributes(doc []byte) []byte {
	return styleAttr.ReplaceAllFunc(doc, func(m []byte) []byte {
		var b bytes.Buffer
		for _, decl := range strings.Split(string(styleAttr.FindSubmatch(m)[1]), ";") {
			k, v, ok := strings.Cut(decl, ":")
			if !ok {
				continue
			}
			fmt.Fprintf(&b, ` %s="%s"`, strings.TrimSpace(k), html.EscapeString(strings.TrimSpace(v)))
		}
		return b.Bytes()
	})
}
