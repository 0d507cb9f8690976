package analysis

import (
	"fmt"
	"math"
	"strconv"
	"strings"
)

// Goalposts is the normalisation on fixed bounds: each definition's value
// put on 0 to 100 between bounds that do not move from one period to the
// next (from a file, or the lowest and highest value over all periods), so
// that a score compares with the same area's score in another year. Min-max
// (the default) moves its bounds with the areas of each period.
const Goalposts = "goalposts"

// NormalisationChoices are what --normalisation accepts: the four the Monte
// Carlo draws from, and goalposts.
var NormalisationChoices = append(append([]string{}, Normalisations...), Goalposts)

// GoalpostBounds are the fixed bounds of some definitions, from a file
// (definition, lower, upper, in the definition's own units); the others'
// bounds are pooled over every period.
type GoalpostBounds struct {
	File   string
	SHA256 string
	Bounds map[string][2]float64
}

// ReadGoalposts reads a goalposts file (CSV: definition, lower, upper).
func ReadGoalposts(file string, data []byte, defs *Definitions) (*GoalpostBounds, error) {
	f, err := readCSV(ErrGoalposts, file, data, "definition", "lower", "upper")
	if err != nil {
		return nil, err
	}
	g := &GoalpostBounds{File: file, SHA256: f.SHA256, Bounds: map[string][2]float64{}}
	lines := map[string]int{}
	for _, r := range f.Rows {
		name := strings.ToLower(f.Get(r, "definition"))
		if defs.ByName(name) == nil {
			return nil, badInput(ErrGoalposts, file, r.Line, "definition", name, fmt.Sprintf("there is no definition %q; the definitions are %s", name, strings.Join(defs.Names(), ", ")), nil)
		}
		if l, dup := lines[name]; dup {
			return nil, inputErr(ErrGoalposts, file, r.Line, "%s has goalposts twice (also on line %d)", name, l)
		}
		lines[name] = r.Line
		var b [2]float64
		for i, col := range []string{"lower", "upper"} {
			raw := f.Get(r, col)
			v, err := strconv.ParseFloat(raw, 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, badInput(ErrGoalposts, file, r.Line, col, raw, fmt.Sprintf("the %s goalpost of %s must be a number, not %q", col, name, raw), nil)
			}
			b[i] = v
		}
		if b[0] >= b[1] {
			return nil, inputErr(ErrGoalposts, file, r.Line, "the lower goalpost of %s (%g) must be below the upper (%g)", name, b[0], b[1])
		}
		g.Bounds[name] = b
	}
	return g, nil
}

// String says where the bounds come from, for the settings and the packs.
func (g *GoalpostBounds) String(defs *Definitions) string {
	if g == nil || len(g.Bounds) == 0 {
		return "each definition's lowest and highest value over all periods"
	}
	var pooled []string
	for _, d := range defs.Defs {
		if _, ok := g.Bounds[d.Name]; !ok {
			pooled = append(pooled, d.Name)
		}
	}
	s := "from " + g.File
	if len(pooled) > 0 {
		s += "; over all periods for " + strings.Join(pooled, ", ")
	}
	return s
}

// goalpostScorer puts values on 0 to 100 between fixed bounds, per
// resident definition and definition: [r][d] lower and upper.
type goalpostScorer struct {
	bounds  [3][][2]float64
	outside int // values beyond a file's bounds, held at 0 or 100
}

// newGoalposts finds the bounds: the file's, else the lowest and highest
// value of vals[p][r][d][a] over every period and area.
func newGoalposts(vals [][3][][]float64, defs *Definitions, g *GoalpostBounds) *goalpostScorer {
	s := &goalpostScorer{}
	for r := range s.bounds {
		s.bounds[r] = make([][2]float64, len(defs.Defs))
		for d, def := range defs.Defs {
			if b, ok := g.bounds(def.Name); ok {
				s.bounds[r][d] = b
				continue
			}
			lo, hi := math.Inf(1), math.Inf(-1)
			for p := range vals {
				for _, v := range vals[p][r][d] {
					if !math.IsNaN(v) {
						lo, hi = math.Min(lo, v), math.Max(hi, v)
					}
				}
			}
			s.bounds[r][d] = [2]float64{lo, hi}
		}
	}
	return s
}

func (g *GoalpostBounds) bounds(def string) ([2]float64, bool) {
	if g == nil {
		return [2]float64{}, false
	}
	b, ok := g.Bounds[def]
	return b, ok
}

// score is x on 0 to 100 between definition d's goalposts under resident
// definition r, 100 the most resident-led (turned round when lower is);
// 50 when the bounds are equal; values beyond the bounds held at 0 or 100.
func (s *goalpostScorer) score(x []float64, r, d int, lower bool) []float64 {
	lo, hi := s.bounds[r][d][0], s.bounds[r][d][1]
	out := nanSlice(len(x))
	for a, v := range x {
		if math.IsNaN(v) {
			continue
		}
		if hi <= lo {
			out[a] = 50
			continue
		}
		y := 100 * (v - lo) / (hi - lo)
		if y < 0 || y > 100 {
			s.outside++
			y = math.Max(0, math.Min(100, y))
		}
		if lower {
			y = 100 - y
		}
		out[a] = y
	}
	return out
}

// logFixed is what a geometric mean of goalposts scores multiplies: each
// score put on 1 to 100 by the same fixed rule in every period.
func logFixed(s []float64) []float64 {
	out := nanSlice(len(s))
	for i, v := range s {
		if !math.IsNaN(v) {
			out[i] = math.Log(1 + 0.99*v)
		}
	}
	return out
}

// goalpostSettings are the settings rows of the goalposts.
func goalpostSettings(o ScoreOptions, defs *Definitions, outside int) [][2]string {
	s := [][2]string{{"goalposts", o.Goalposts.String(defs)}}
	if o.Goalposts != nil {
		s = append(s, [2]string{"goalposts_file", o.Goalposts.File}, [2]string{"goalposts_sha256", o.Goalposts.SHA256})
	}
	if outside > 0 {
		s = append(s, [2]string{"goalposts_outside", fmt.Sprintf("%d values beyond the file's goalposts, held at 0 or 100", outside)})
	}
	return s
}
