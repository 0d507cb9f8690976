package steps

import (
	"context"
	"math"
	"sort"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// MethodPreview is what a change of method would change in the results:
// the areas whose composite rank moves and the labels that change, in every
// period, computed with the method now in use and with the new one on the
// same data, without writing anything.
type MethodPreview struct {
	Moves  []RankMove    // composite rank moved, by period then area
	Labels []LabelChange // label changed, by period then area
	// Rescored counts the areas and periods whose composite score changes
	// while their rank does not.
	Rescored int
	// ResidentDef is the resident definition of the composites compared
	// (the reference one, R1 unless the results were made with another).
	ResidentDef string
}

// Nothing says whether the new method changes no rank, label or score.
func (p *MethodPreview) Nothing() bool {
	return len(p.Moves) == 0 && len(p.Labels) == 0 && p.Rescored == 0
}

// RankMove is an area's composite rank (under the reference resident
// definition) in a period, with the method in use and with the new one.
// A rank or score is NaN where the area has no composite.
type RankMove struct {
	Area, Name         string
	Period             int
	WasRank, NowRank   float64
	WasScore, NowScore float64
}

// LabelChange is an area's leadership label in a period (an override's
// where there is one), with the method in use and with the new one.
type LabelChange struct {
	Area, Name string
	Period     int
	Was, Now   string
}

// PreviewMethod computes the scores and labels with m (MethodOptions) on
// st, which it only reads (a reading copy), and says what differs from
// base, the results of the method the results follow (PreviewBase, made
// here when nil: a caller may keep it while the database is unchanged). The
// Monte Carlo, the sensitivity and the labels' stability are left out of
// both: no rank or label depends on them.
func PreviewMethod(ctx context.Context, st *store.Store, m *analysis.Method, base *Results) (*MethodPreview, error) {
	defs, err := analysis.LoadDefinitions(analysis.BuiltinDefinitions(), "")
	if err != nil {
		return nil, err
	}
	nowS, nowC, err := MethodOptions(ctx, st.DB, m, defs)
	if err != nil {
		return nil, err
	}
	if base == nil {
		if base, err = PreviewBase(ctx, st); err != nil {
			return nil, err
		}
	}
	now, err := quickCompute(ctx, st, defs, nowS, nowC)
	if err != nil {
		return nil, err
	}
	return compareResults(base, now, nowS.ResidentDef), nil
}

// PreviewBase computes, on st, which it only reads, the scores and labels
// of the method the results follow (ResultOptions), as PreviewMethod
// compares them.
func PreviewBase(ctx context.Context, st *store.Store) (*Results, error) {
	return computeFollowing(ctx, st, quickCompute)
}

// quickCompute computes the results leaving out what no rank or label
// depends on.
func quickCompute(ctx context.Context, st *store.Store, defs *analysis.Definitions, sopt analysis.ScoreOptions, copt analysis.ClassifyOptions) (*Results, error) {
	sopt.Draws, sopt.Samples, copt.Draws = 0, 0, 0
	return ComputeWith(ctx, st, defs, sopt, copt)
}

type areaPeriod struct {
	area   string
	period int
}

func compareResults(was, now *Results, rd string) *MethodPreview {
	if rd == "" {
		rd = "R1"
	}
	p := &MethodPreview{ResidentDef: rd}
	name := func(area string) string {
		if n := now.Scores.Info[area].Name; n != "" {
			return n
		}
		return area
	}
	composites := func(r *Results) map[areaPeriod]analysis.ScoreRow {
		m := map[areaPeriod]analysis.ScoreRow{}
		for _, s := range r.Scores.Scores {
			if s.Definition == analysis.Composite && s.ResidentDef == rd {
				m[areaPeriod{s.Area, s.Period}] = s
			}
		}
		return m
	}
	before := composites(was)
	for k, n := range composites(now) {
		b, ok := before[k]
		if !ok {
			b = analysis.ScoreRow{Rank: math.NaN(), Value: math.NaN()}
		}
		wasRank, nowRank := rankOf(b), rankOf(n)
		switch {
		case !same(wasRank, nowRank):
			p.Moves = append(p.Moves, RankMove{Area: k.area, Name: name(k.area), Period: k.period, WasRank: wasRank, NowRank: nowRank, WasScore: b.Value, NowScore: n.Value})
		case !same(b.Value, n.Value):
			p.Rescored++
		}
	}
	labels := map[areaPeriod]string{}
	for _, c := range was.Labels.Classifications {
		labels[areaPeriod{c.Area, c.Period}] = c.Label
	}
	for _, c := range now.Labels.Classifications {
		if w := labels[areaPeriod{c.Area, c.Period}]; w != c.Label {
			p.Labels = append(p.Labels, LabelChange{Area: c.Area, Name: name(c.Area), Period: c.Period, Was: w, Now: c.Label})
		}
	}
	sort.Slice(p.Moves, func(i, j int) bool {
		a, b := p.Moves[i], p.Moves[j]
		return a.Period > b.Period || a.Period == b.Period && a.Name < b.Name
	})
	sort.Slice(p.Labels, func(i, j int) bool {
		a, b := p.Labels[i], p.Labels[j]
		return a.Period > b.Period || a.Period == b.Period && a.Name < b.Name
	})
	return p
}

// rankOf is a composite's rank, NaN when it has no value.
func rankOf(s analysis.ScoreRow) float64 {
	if math.IsNaN(s.Value) {
		return math.NaN()
	}
	return s.Rank
}

// same says whether two figures are equal, two NaNs included, to the
// precision the pages show and a little more.
func same(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) == math.IsNaN(b)
	}
	return math.Abs(a-b) < 1e-9*math.Max(1, math.Abs(a))
}
