package notebook

import (
	"fmt"
	"html/template"
	"math"
	"math/big"
	"sort"
	"strings"

	"github.com/duckdb/duckdb-go/v2"
	"gonum.org/v1/plot"
	"gonum.org/v1/plot/vg"

	"github.com/ourbiggerstory/obs/pipeline/report"
	"github.com/ourbiggerstory/obs/pipeline/report/chart"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

// chartErr is a mistake in one option of a chart cell.
type chartErr struct{ key, msg string }

func (e *chartErr) Error() string { return e.msg }

func sortedCopy(s []string) []string {
	out := append([]string(nil), s...)
	sort.Strings(out)
	return out
}

// column finds a result column by name (case ignored).
func column(t *tabular.Table, key, name string) (int, error) {
	for i, c := range t.Columns {
		if strings.EqualFold(c, name) {
			return i, nil
		}
	}
	return -1, &chartErr{key, fmt.Sprintf("unknown column %q for %s: the result has columns %s", name, key, strings.Join(t.Columns, ", "))}
}

// number reads a cell as a number.
func number(v any) (float64, bool) {
	switch x := v.(type) {
	case int:
		return float64(x), true
	case int8:
		return float64(x), true
	case int16:
		return float64(x), true
	case int32:
		return float64(x), true
	case int64:
		return float64(x), true
	case uint8:
		return float64(x), true
	case uint16:
		return float64(x), true
	case uint32:
		return float64(x), true
	case uint64:
		return float64(x), true
	case float32:
		return float64(x), !math.IsNaN(float64(x))
	case float64:
		return x, !math.IsNaN(x) && !math.IsInf(x, 0)
	case *big.Int:
		f, _ := new(big.Float).SetInt(x).Float64()
		return f, true
	case duckdb.Decimal:
		return x.Float64(), true
	}
	return 0, false
}

// isPeriod says a column of whole numbers holds reporting years.
func isPeriod(name string, vals []float64) bool {
	if !strings.Contains(strings.ToLower(name), "period") && !strings.Contains(strings.ToLower(name), "year") {
		return false
	}
	for _, v := range vals {
		if v != math.Trunc(v) || v < 1900 || v > 2200 {
			return false
		}
	}
	return true
}

// axisValues reads a column either as numbers (when every value is one) or
// as categories in order of first appearance.
type axisValues struct {
	numeric bool
	nums    []float64
	cats    []string // category per row
	names   []string // distinct categories, in order
	index   map[string]int
}

func readAxis(t *tabular.Table, c int, forceCategory bool) *axisValues {
	a := &axisValues{numeric: !forceCategory, index: map[string]int{}}
	a.nums = make([]float64, len(t.Rows))
	a.cats = make([]string, len(t.Rows))
	for i, row := range t.Rows {
		v := row[c]
		f, ok := number(v)
		if v != nil && !ok {
			a.numeric = false
		}
		a.nums[i] = f
		if v == nil {
			a.nums[i] = math.NaN()
		}
		a.cats[i] = t.Display(i, c)
	}
	if !a.numeric {
		for _, s := range a.cats {
			if _, ok := a.index[s]; !ok {
				a.index[s] = len(a.names)
				a.names = append(a.names, s)
			}
		}
	}
	return a
}

// buildChart draws a chart cell from its source result.
func buildChart(c *ChartCell, t *tabular.Table, params []Param) (*report.Figure, error) {
	if len(t.Rows) == 0 {
		return nil, &chartErr{"from", "the result has no rows: there is nothing to plot"}
	}
	if c.X == "" {
		return nil, &chartErr{"x", "says no x: add x: COLUMN"}
	}
	if c.Y == "" && c.Type != "strip" {
		return nil, &chartErr{"y", "says no y: add y: COLUMN"}
	}
	xi, err := column(t, "x", c.X)
	if err != nil {
		return nil, err
	}
	yi, ci, li := -1, -1, -1
	if c.Y != "" {
		if yi, err = column(t, "y", c.Y); err != nil {
			return nil, err
		}
	}
	if c.Colour != "" {
		if ci, err = column(t, "colour", c.Colour); err != nil {
			return nil, err
		}
	}
	if c.Label != "" {
		if li, err = column(t, "label", c.Label); err != nil {
			return nil, err
		}
	}
	hi, hv := -1, ""
	if c.Highlight != "" {
		k, v, ok := strings.Cut(c.Highlight, "=")
		if !ok {
			return nil, &chartErr{"highlight", "write highlight: COLUMN=VALUE (a value, or $param)"}
		}
		if hi, err = column(t, "highlight", strings.TrimSpace(k)); err != nil {
			return nil, err
		}
		hv = strings.TrimSpace(v)
		if strings.HasPrefix(hv, "$") {
			found := false
			for _, p := range params {
				if p.Name == hv[1:] {
					hv, found = p.Value, true
				}
			}
			if !found {
				return nil, &chartErr{"highlight", fmt.Sprintf("highlight uses %s, which has no value: add it to the front matter's params or give --param %s=VALUE", hv, hv[1:])}
			}
		}
	}

	ch := &chart.Chart{Title: c.Title}
	var x, y *axisValues
	switch c.Type {
	case "bar":
		ch.Kind = chart.Bars
		x = readAxis(t, xi, true)
		y = readAxis(t, yi, false)
	case "line":
		ch.Kind = chart.Lines
		x = readAxis(t, xi, false)
		y = readAxis(t, yi, false)
	case "point":
		ch.Kind = chart.Points
		x = readAxis(t, xi, false)
		y = readAxis(t, yi, false) // text on y: one row per category
	case "strip":
		ch.Kind = chart.Strip
		x = readAxis(t, xi, false)
		if yi >= 0 {
			y = readAxis(t, yi, true)
		}
	}
	if !x.numeric && c.Type == "strip" {
		return nil, &chartErr{"x", fmt.Sprintf("a strip chart's x must be numbers: column %s holds text (%q)", t.Columns[xi], firstText(x))}
	}
	if y != nil && !y.numeric && c.Type != "strip" && c.Type != "point" {
		return nil, &chartErr{"y", fmt.Sprintf("y must be numbers: column %s holds text (%q)", t.Columns[yi], firstText(y))}
	}
	if err := diagonal(c, ch, x, y); err != nil {
		return nil, err
	}
	ch.X.Label = t.Columns[xi]
	if yi >= 0 {
		ch.Y.Label = t.Columns[yi]
	}
	if !x.numeric {
		ch.X.Names = x.names
		ch.X.Slant = chart.NeedsSlant(x.names, ch.Width)
	} else if isPeriod(t.Columns[xi], finite(x.nums)) {
		ch.X.Ticks = periodTicks(x.nums)
		ch.X.Label = "period"
	}
	if y == nil {
		ch.Y.Names = []string{""}
	} else if !y.numeric {
		// The first category at the top, as a table reads.
		n := len(y.names)
		ch.Y.Names = make([]string, n)
		for i, name := range y.names {
			ch.Y.Names[n-1-i] = name
		}
		ch.Height = min(vg.Length(max(n, 2))*16+70, 680)
		ch.Y.Label = ""
	}
	if ch.Title == "" {
		ch.Title = fmt.Sprintf("%s by %s", ch.Y.Label, ch.X.Label)
		if c.Type == "strip" {
			ch.Title = t.Columns[xi]
			if yi >= 0 {
				ch.Title += " by " + t.Columns[yi]
			}
		}
		if ci >= 0 {
			ch.Title += ", by " + t.Columns[ci]
		}
	}
	// Series by colour, in order of first appearance.
	idx := map[string]int{}
	var hiSeries *chart.Series
	for r, row := range t.Rows {
		key := ""
		if ci >= 0 {
			key = t.Display(r, ci)
		}
		m := chart.Mark{}
		if x.numeric {
			m.X = x.nums[r]
		} else {
			m.X = float64(x.index[x.cats[r]])
		}
		switch {
		case y == nil:
		case y.numeric:
			m.Y = y.nums[r]
		default:
			m.Y = float64(len(y.names) - 1 - y.index[y.cats[r]])
		}
		if math.IsNaN(m.X) || math.IsNaN(m.Y) {
			continue // a missing value is not plotted
		}
		if li >= 0 {
			m.Label = t.Display(r, li)
		}
		if hi >= 0 && tabular.Plain(row[hi], "") == hv && c.Type != "bar" && c.Type != "line" {
			if hiSeries == nil {
				hiSeries = &chart.Series{Highlight: true, Name: t.Columns[hi] + " = " + hv}
			}
			if m.Label == "" && y == nil {
				m.Label = hv
			}
			hiSeries.Marks = append(hiSeries.Marks, m)
			continue
		}
		j, ok := idx[key]
		if !ok {
			j = len(ch.Series)
			idx[key] = j
			ch.Series = append(ch.Series, chart.Series{Name: key})
			if ci < 0 && hi >= 0 {
				ch.Series[j].Color = chart.Grey
			}
		}
		if hi >= 0 && (c.Type == "line" || c.Type == "bar") && ci == hi && key == hv {
			ch.Series[j].Highlight = true
		}
		ch.Series[j].Marks = append(ch.Series[j].Marks, m)
	}
	if hiSeries != nil {
		ch.Series = append(ch.Series, *hiSeries)
	}
	if len(ch.Series) > 40 && ci >= 0 {
		return nil, &chartErr{"colour", fmt.Sprintf("colour: %s has %d different values: too many to tell apart; choose a column with fewer", t.Columns[ci], len(ch.Series))}
	}
	fig := &report.Figure{Title: ch.Title}
	svg, legend, err := ch.SVG()
	if err != nil {
		return nil, &chartErr{"y", "nothing to plot: every row has a missing x or y"}
	}
	fig.SVG = template.HTML(svg) // #nosec: built by package chart, text escaped there
	if ci >= 0 || hiSeries != nil {
		fig.Legend = legend
	}
	return fig, nil
}

func firstText(a *axisValues) string {
	for _, s := range a.cats {
		if s != "" {
			if _, ok := number(s); !ok {
				return s
			}
		}
	}
	return ""
}

func finite(xs []float64) []float64 {
	out := make([]float64, 0, len(xs))
	for _, x := range xs {
		if !math.IsNaN(x) {
			out = append(out, x)
		}
	}
	return out
}

func periodTicks(xs []float64) []plot.Tick {
	seen := map[float64]bool{}
	var ts []plot.Tick
	for _, x := range finite(xs) {
		if !seen[x] {
			seen[x] = true
			ts = append(ts, plot.Tick{Value: x, Label: schemas.Period(int(x)).String()})
		}
	}
	sort.Slice(ts, func(i, j int) bool { return ts[i].Value < ts[j].Value })
	return ts
}

// diagonal sets up a sufficiency plot (diagonal: yes): memberships on both
// axes, from 0 to 1, with the line y = x that cases of a sufficient
// condition lie above.
func diagonal(c *ChartCell, ch *chart.Chart, x, y *axisValues) error {
	switch c.Diagonal {
	case "", "no", "false":
		return nil
	case "yes", "true":
	default:
		return &chartErr{"diagonal", fmt.Sprintf("diagonal is yes or no, not %q", c.Diagonal)}
	}
	if c.Type != "point" || !x.numeric || y == nil || !y.numeric {
		return &chartErr{"diagonal", "a diagonal goes on a point chart whose x and y are numbers (memberships from 0 to 1, as in a QCA sufficiency plot)"}
	}
	zero, one := 0.0, 1.0
	ch.Diagonal = true
	ch.X.Min, ch.X.Max, ch.Y.Min, ch.Y.Max = &zero, &one, &zero, &one
	return nil
}
