package analysis

import (
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/qca"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// How far the rubric is varied to test a label's stability.
const (
	AnchorShift = 0.10 // each anchor moves by up to this share of its indicator's range
	MarginLow   = 0.05 // the hybrid margin is drawn between these two
	MarginHigh  = 0.15
)

// Stability is how well an area's computed label survives reasonable
// changes to the rubric: in each draw every anchor of every indicator moves
// by up to ±AnchorShift of the indicator's range (independently), the
// hybrid margin is drawn between MarginLow and MarginHigh, and one
// indicator is left out in turn (none in every (indicators+1)th draw).
type Stability struct {
	Area       string
	Period     int
	Label      string   // the computed label
	Draws      int      // variations drawn
	Share      float64  // share of them giving the same label
	Other      string   // the label most often given instead ("" when none)
	OtherShare float64  // its share
	LeftOut    []string // "becomes hybrid 2+3 when small grants is left out", at the rubric's own anchors and margin
	Summary    string   // one line for people
}

// stabilityCase is what one area and period's draws need: its indicators'
// values, in rubric order, and its computed label.
type stabilityCase struct {
	area   string
	period int
	label  string
	values []float64 // NaN when missing
}

// labelStability draws the variations (seeded) and tells, for each case,
// how often its label holds. All cases share each draw's rubric.
func labelStability(rubric *Rubric, cases []stabilityCase, margin float64, lo qca.LogOdds, draws int, seed uint64) []Stability {
	ins := rubric.Indicators
	ranges := indicatorRanges(ins, cases)
	out := make([]Stability, len(cases))
	others := make([]map[string]int, len(cases))
	for i, c := range cases {
		out[i] = Stability{Area: c.area, Period: c.period, Label: c.label, Draws: draws}
		others[i] = map[string]int{}
	}
	rng := rand.New(rand.NewPCG(seed, 0x1abe1))
	anchors := make([][3]float64, len(ins))
	held := make([]int, len(cases))
	for d := 0; d < draws; d++ {
		for k, in := range ins {
			anchors[k] = shiftAnchors(in, ranges[k], rng)
		}
		m := MarginLow + (MarginHigh-MarginLow)*rng.Float64()
		leave := d%(len(ins)+1) - 1 // -1: none
		for i, c := range cases {
			l := labelWith(ins, anchors, c.values, leave, m, lo)
			if l == c.label {
				held[i]++
			} else {
				others[i][l]++
			}
		}
	}
	own := make([][3]float64, len(ins))
	for k, in := range ins {
		own[k] = [3]float64{in.Non, in.Cross, in.Full}
	}
	for i, c := range cases {
		s := &out[i]
		if draws > 0 {
			s.Share = float64(held[i]) / float64(draws)
			s.Other, s.OtherShare = mostCommon(others[i], draws)
		}
		var becomes []string // labels, in order of first appearance
		names := map[string][]string{}
		for k, in := range ins {
			if math.IsNaN(c.values[k]) {
				continue // leaving out what is missing changes nothing
			}
			if l := labelWith(ins, own, c.values, k, margin, lo); l != c.label {
				if names[l] == nil {
					becomes = append(becomes, l)
				}
				names[l] = append(names[l], in.Name)
			}
		}
		for _, l := range becomes {
			s.LeftOut = append(s.LeftOut, fmt.Sprintf("becomes %s when %s is left out", l, orList(names[l])))
		}
		s.Summary = s.summary()
	}
	return out
}

// summary says it in one line: "model 2 in 91% of variations; becomes
// hybrid 2+3 when small grants is left out".
func (s *Stability) summary() string {
	var parts []string
	if s.Draws > 0 {
		parts = append(parts, fmt.Sprintf("%s in %s of variations", s.Label, SharePercent(s.Share)))
		if s.Other != "" {
			parts = append(parts, fmt.Sprintf("else mostly %s (%s)", s.Other, SharePercent(s.OtherShare)))
		}
	}
	if len(s.LeftOut) > 0 {
		parts = append(parts, strings.Join(s.LeftOut, "; "))
	} else {
		parts = append(parts, "leaving out any one indicator keeps it")
	}
	return strings.Join(parts, "; ")
}

// SharePercent is a share as a whole percentage, never rounded to 0% or
// 100% when it is neither: "under 1%", "over 99%".
func SharePercent(x float64) string {
	switch {
	case x > 0 && x < 0.005:
		return "under 1%"
	case x < 1 && x >= 0.995:
		return "over 99%"
	}
	return tabular.Number(math.Round(100*x)) + "%"
}

// indicatorRanges is each indicator's range over every area and period
// (max - min), or the span of its anchors where the values do not spread.
func indicatorRanges(ins []*Indicator, cases []stabilityCase) []float64 {
	out := make([]float64, len(ins))
	for k, in := range ins {
		lo, hi := math.Inf(1), math.Inf(-1)
		for _, c := range cases {
			if v := c.values[k]; !math.IsNaN(v) {
				lo, hi = math.Min(lo, v), math.Max(hi, v)
			}
		}
		out[k] = hi - lo
		if !(out[k] > 0) {
			out[k] = math.Abs(in.Full - in.Non)
		}
	}
	return out
}

// shiftAnchors moves each anchor by up to ±AnchorShift of the range; when
// the moved anchors no longer keep their order, the rubric's own stand.
func shiftAnchors(in *Indicator, r float64, rng *rand.Rand) [3]float64 {
	var a [3]float64
	for j, v := range [3]float64{in.Non, in.Cross, in.Full} {
		a[j] = v + (2*rng.Float64()-1)*AnchorShift*r
	}
	ordered := a[0] < a[1] && a[1] < a[2]
	if in.Non > in.Full {
		ordered = a[0] > a[1] && a[1] > a[2]
	}
	if ordered {
		return a
	}
	return [3]float64{in.Non, in.Cross, in.Full}
}

// labelWith is the label under the given anchors and margin with indicator
// leave left out (-1: none), memberships the mean of each model's
// indicators calibrated as in Classify.
func labelWith(ins []*Indicator, anchors [][3]float64, values []float64, leave int, margin float64, lo qca.LogOdds) string {
	var sum [4]float64
	var n [4]int
	for k, in := range ins {
		if k == leave || math.IsNaN(values[k]) {
			continue
		}
		sum[in.Model] += qca.Calibrate(values[k], anchors[k][0], anchors[k][1], anchors[k][2], lo)
		n[in.Model]++
	}
	m := [4]float64{}
	for j := 1; j <= 3; j++ {
		m[j] = math.NaN()
		if n[j] > 0 {
			m[j] = sum[j] / float64(n[j])
		}
	}
	l, _, _ := label(m, margin)
	return l
}

// orList is "a", "a or b", "a, b or c".
func orList(xs []string) string {
	if len(xs) <= 1 {
		return strings.Join(xs, "")
	}
	return strings.Join(xs[:len(xs)-1], ", ") + " or " + xs[len(xs)-1]
}

func mostCommon(counts map[string]int, draws int) (string, float64) {
	labels := make([]string, 0, len(counts))
	for l := range counts {
		labels = append(labels, l)
	}
	sort.Slice(labels, func(i, j int) bool {
		if counts[labels[i]] != counts[labels[j]] {
			return counts[labels[i]] > counts[labels[j]]
		}
		return labels[i] < labels[j]
	})
	if len(labels) == 0 {
		return "", 0
	}
	return labels[0], float64(counts[labels[0]]) / float64(draws)
}
