package analysis

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"math/rand/v2"
	"sort"
	"strings"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// ScoreOptions are the choices behind the scores.
type ScoreOptions struct {
	Normalisation string          // minmax (default), z, rank, percentile, goalposts: what the composite averages
	Aggregation   string          // arithmetic (default) or geometric
	Weights       *Weights        // nil: equal weights
	Goalposts     *GoalpostBounds // nil: every definition's bounds pooled over all periods
	Coverage      float64         // the composite is missing below this share of the weight (default 0.5)
	Seed          uint64          // Monte Carlo seed
	Draws         int             // Monte Carlo draws (default 1000; 0 skips it)
	Samples       int             // base samples of the Sobol sensitivity indices (0 skips them)
	ResidentDef   string          // the resident definition of the reference rank (default R1)
	Method        string          // where the settings came from ("version 3 of the method: ..."), recorded as the setting method
	Now           func() time.Time
}

func (o *ScoreOptions) defaults(defs *Definitions) error {
	if o.Normalisation == "" {
		o.Normalisation = MinMax
	}
	if !contains(NormalisationChoices, o.Normalisation) {
		return fmt.Errorf("%w: there is no normalisation %q: choose %s", ErrOption, o.Normalisation, strings.Join(NormalisationChoices, ", "))
	}
	if o.Aggregation == "" {
		o.Aggregation = Arithmetic
	}
	if !contains(Aggregations, o.Aggregation) {
		return fmt.Errorf("%w: there is no aggregation %q: choose %s", ErrOption, o.Aggregation, strings.Join(Aggregations, ", "))
	}
	if o.ResidentDef == "" {
		o.ResidentDef = "R1"
	}
	if !contains(ResidentDefs, o.ResidentDef) {
		return fmt.Errorf("%w: there is no resident definition %q: choose R1, R2 or R3", ErrOption, o.ResidentDef)
	}
	if o.Coverage < 0 || o.Coverage > 1 {
		return fmt.Errorf("%w: the coverage threshold must be between 0 and 1, not %g", ErrOption, o.Coverage)
	}
	if o.Draws < 0 {
		return fmt.Errorf("%w: draws must be 0 or more", ErrOption)
	}
	if o.Samples < 0 {
		return fmt.Errorf("%w: the sensitivity's samples must be 0 or more", ErrOption)
	}
	if o.Weights == nil {
		o.Weights = EqualWeights(defs)
	}
	if o.Now == nil {
		o.Now = time.Now
	}
	return nil
}

// ScoreRow is one row of the scores table.
type ScoreRow struct {
	Area        string
	Period      int
	Definition  string
	Label       string
	ResidentDef string // R1, R2, R3 or -
	Value       float64
	Unit        string
	Direction   string
	Base        float64
	BaseLabel   string
	Reason      string
	Note        string
	MinMax      float64
	Z           float64
	Rank        float64
	Percentile  float64
	N           int
	Coverage    float64 // composite only
	Goalposts   float64 // on fixed bounds, 0 to 100 (the composite: their weighted mean)
	Covered     string  // composite only
}

// Normalised is the row's value under a normalisation (rank: the rank).
func (r *ScoreRow) Normalised(method string) float64 {
	switch method {
	case ZScore:
		return r.Z
	case RankNorm:
		return r.Rank
	case Percentile:
		return r.Percentile
	case Goalposts:
		return r.Goalposts
	}
	return r.MinMax
}

// AgreementRow is Kendall's tau-b between two definitions' rankings.
type AgreementRow struct {
	Period      int
	ResidentDef string
	A, B        string
	Tau         float64
	N           int
	Test        TauTest
}

// UncertaintyRow is an area's composite rank over the Monte Carlo draws.
type UncertaintyRow struct {
	Area             string
	Period           int
	Rank             float64 // under the chosen settings
	Median, P05, P95 float64
	Draws            int
	Ranked           bool
	N                int
}

// ScoreResult is everything 'obs score' computes.
type ScoreResult struct {
	Options     ScoreOptions
	Defs        *Definitions
	Areas       []string
	Info        map[string]AreaInfo // name and whether synthetic, by area id
	Periods     []int
	Scores      []ScoreRow
	Agreement   []AgreementRow
	Concordance []ConcordanceRow
	Uncertainty []UncertaintyRow
	Reversals   []ReversalRow
	Sensitivity []SensitivityRow
	Settings    [][2]string
}

// Score runs every definition under every resident definition on the
// database behind conn, and scores, compares and ranks the areas.
func Score(ctx context.Context, conn *sql.Conn, defs *Definitions, opt ScoreOptions) (*ScoreResult, error) {
	if err := opt.defaults(defs); err != nil {
		return nil, err
	}
	if err := prepare(ctx, conn, defs.Helpers); err != nil {
		return nil, err
	}
	areas, names, periods, err := areaPeriods(ctx, conn)
	if err != nil {
		return nil, err
	}
	// Run the definitions: figs[d][r], r in 0..2 (the same for a definition
	// that does not depend on the resident definition).
	figs := make([][3][]Figure, len(defs.Defs))
	for d, def := range defs.Defs {
		if !def.ResidentDef {
			f, err := runFigureQuery(ctx, conn, ErrDefinition, def.File, 0, def.SQL)
			if err != nil {
				return nil, err
			}
			figs[d] = [3][]Figure{f, f, f}
			continue
		}
		for r, rd := range ResidentDefs {
			f, err := runFigureQuery(ctx, conn, ErrDefinition, def.File, 0, def.SQL, sql.Named("resident_def", rd))
			if err != nil {
				return nil, err
			}
			figs[d][r] = f
		}
	}
	// Areas and periods: those with returns, and any a definition adds.
	areas, periods = widen(areas, periods, figs)
	ai, pi := indexOf(areas), map[int]int{}
	for i, p := range periods {
		pi[p] = i
	}
	nA, nD := len(areas), len(defs.Defs)
	type cell struct {
		f  Figure
		ok bool
	}
	// cells[p][r][d][a] and vals (the values, NaN when missing) alike.
	cells := make([][3][][]cell, len(periods))
	vals := make([][3][][]float64, len(periods))
	for p := range periods {
		for r := 0; r < 3; r++ {
			cells[p][r] = make([][]cell, nD)
			vals[p][r] = make([][]float64, nD)
			for d := 0; d < nD; d++ {
				cells[p][r][d] = make([]cell, nA)
				vals[p][r][d] = nanSlice(nA)
			}
		}
	}
	for d := range defs.Defs {
		for r := 0; r < 3; r++ {
			for _, f := range figs[d][r] {
				p, a := pi[f.Period], ai[f.Area]
				cells[p][r][d][a] = cell{f, true}
				vals[p][r][d][a] = f.Value
			}
		}
	}
	res := &ScoreResult{Options: opt, Defs: defs, Areas: areas, Info: names, Periods: periods}
	w := make([]float64, nD)
	for d, def := range defs.Defs {
		w[d] = opt.Weights.W[def.Name]
	}
	geo := opt.Aggregation == Geometric
	gp := newGoalposts(vals, defs, opt.Goalposts)
	for p, period := range periods {
		var mc mcPeriod
		mc.areas = nA
		for r, rd := range ResidentDefs {
			norms := make([]normalised, nD)
			var gpCols [2][][]float64 // goalposts scores, and their logarithms
			for d, def := range defs.Defs {
				norms[d] = normalise(vals[p][r][d], def.Lower())
				g := gp.score(vals[p][r][d], r, d, def.Lower())
				gpCols[0], gpCols[1] = append(gpCols[0], g), append(gpCols[1], logFixed(g))
				for m, method := range Normalisations {
					s := norms[d].score(method)
					mc.arith[r][m] = append(mc.arith[r][m], s)
					mc.geo[r][m] = append(mc.geo[r][m], logPositive(s))
				}
				if !def.ResidentDef && r > 0 {
					continue
				}
				label := rd
				if !def.ResidentDef {
					label = "-"
				}
				for a, area := range areas {
					c := cells[p][r][d][a]
					row := ScoreRow{Area: area, Period: period, Definition: def.Name, Label: def.Label, ResidentDef: label,
						Value: vals[p][r][d][a], Unit: def.Unit, Direction: def.Direction, Base: math.NaN(), BaseLabel: def.Base,
						MinMax: norms[d].MinMax[a], Z: norms[d].Z[a], Rank: norms[d].Rank[a], Percentile: norms[d].Percentile[a],
						N: norms[d].N, Coverage: math.NaN(), Goalposts: g[a]}
					if c.ok {
						row.Base, row.Reason, row.Note = c.f.Base, c.f.Reason, c.f.Note
					} else {
						row.Reason = "the definition gives no row for this area and period"
					}
					res.Scores = append(res.Scores, row)
				}
			}
			// The composite under the chosen settings.
			comp, cov, gcomp := make([]float64, nA), make([]float64, nA), make([]float64, nA)
			weightedMean(comp, cov, compositeCols(&mc, gpCols, r, opt.Normalisation, geo), w, opt.Coverage, geo)
			weightedMean(gcomp, nil, compositeCols(&mc, gpCols, r, Goalposts, geo), w, opt.Coverage, geo)
			cn := normalise(comp, false)
			for a, area := range areas {
				var used []string
				for d, def := range defs.Defs {
					if w[d] > 0 && !math.IsNaN(vals[p][r][d][a]) {
						used = append(used, def.Name)
					}
				}
				row := ScoreRow{Area: area, Period: period, Definition: Composite, Label: "All of the above (composite)",
					ResidentDef: rd, Value: comp[a], Unit: compositeUnit(opt), Direction: "higher",
					Base: float64(len(used)), BaseLabel: "definitions with a value",
					MinMax: cn.MinMax[a], Z: cn.Z[a], Rank: cn.Rank[a], Percentile: cn.Percentile[a], N: cn.N,
					Coverage: cov[a], Covered: strings.Join(used, ", "), Goalposts: gcomp[a]}
				if math.IsNaN(comp[a]) {
					row.Reason = fmt.Sprintf("its definitions carry %s of the weight, below the %s threshold", tabular.Percent(cov[a]), tabular.Percent(opt.Coverage))
				}
				res.Scores = append(res.Scores, row)
			}
			// Agreement between every pair of definitions, and with the composite.
			oriented := make([][]float64, nD+1)
			namesAB := make([]string, nD+1)
			for d, def := range defs.Defs {
				oriented[d] = vals[p][r][d]
				if def.Lower() {
					oriented[d] = negate(oriented[d])
				}
				namesAB[d] = def.Name
			}
			oriented[nD], namesAB[nD] = comp, Composite
			for i := 0; i <= nD; i++ {
				for j := i + 1; j <= nD; j++ {
					k := countPairs(oriented[i], oriented[j])
					tau, n := tauB(k)
					res.Agreement = append(res.Agreement, AgreementRow{Period: period, ResidentDef: rd, A: namesAB[i], B: namesAB[j], Tau: tau, N: n,
						Test: tauTest(k, tau)})
				}
			}
			res.Concordance = append(res.Concordance, concordanceRow(oriented[:nD], period, rd))
		}
		if opt.Draws > 0 {
			ref := referenceRanks(res.Scores, period, opt.ResidentDef, ai)
			src := rand.NewPCG(opt.Seed, uint64(period))
			out := monteCarlo(&mc, w, opt.Coverage, opt.Draws, rand.New(src), src)
			nRanked := 0
			for _, v := range ref {
				if !math.IsNaN(v) {
					nRanked++
				}
			}
			for a, area := range areas {
				if out.Draws[a] == 0 {
					continue
				}
				n := nRanked
				if n == 0 {
					n = nA
				}
				u := UncertaintyRow{Area: area, Period: period, Rank: ref[a], Median: out.Median[a], P05: out.P05[a], P95: out.P95[a],
					Draws: out.Draws[a], N: n}
				u.Ranked = u.P95-u.P05 < float64(n)/2
				res.Uncertainty = append(res.Uncertainty, u)
			}
			res.Reversals = append(res.Reversals, reversalRows(&out, period, areas)...)
		}
		if opt.Samples > 0 {
			res.Sensitivity = append(res.Sensitivity, sensitivityRows(&mc, w, &opt, period, areas)...)
		}
	}
	res.Settings = append(scoreSettings(opt, defs, len(areas), periods), goalpostSettings(opt, defs, gp.outside)...)
	return res, nil
}

// widen adds to areas and periods any a definition returned that the
// returns did not (a definition may build its own list).
func widen(areas []string, periods []int, figs [][3][]Figure) ([]string, []int) {
	as, ps := map[string]bool{}, map[int]bool{}
	for _, a := range areas {
		as[a] = true
	}
	for _, p := range periods {
		ps[p] = true
	}
	for _, fr := range figs {
		for _, fs := range fr {
			for _, f := range fs {
				if !as[f.Area] {
					as[f.Area] = true
					areas = append(areas, f.Area)
				}
				if !ps[f.Period] {
					ps[f.Period] = true
					periods = append(periods, f.Period)
				}
			}
		}
	}
	sort.Strings(areas)
	sort.Ints(periods)
	return areas, periods
}

func indexOf(s []string) map[string]int {
	m := make(map[string]int, len(s))
	for i, v := range s {
		m[v] = i
	}
	return m
}

func indexOfString(s []string, v string) int {
	for i, x := range s {
		if x == v {
			return i
		}
	}
	return -1
}

func contains(s []string, v string) bool { return indexOfString(s, v) >= 0 }

func negate(x []float64) []float64 {
	out := make([]float64, len(x))
	for i, v := range x {
		out[i] = -v
	}
	return out
}
