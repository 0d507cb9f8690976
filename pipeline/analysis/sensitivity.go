package analysis

import (
	"math/rand/v2"

	"github.com/ourbiggerstory/obs/schemas"
)

// The uncertain choices whose Sobol indices obs estimates, in the order of
// the design (schemas.Factors): the weights (one group), the
// normalisation, the aggregation and the resident definition. Each is
// drawn as the Monte Carlo draws it.
const (
	FactorWeights       = "weights"
	FactorNormalisation = "normalisation"
	FactorAggregation   = "aggregation"
	FactorResidentDef   = "resident_def"
)

// SensitivityFactors lists them in the design's order.
var SensitivityFactors = []string{FactorWeights, FactorNormalisation, FactorAggregation, FactorResidentDef}

// FactorLabel is a choice for a person: "the resident definition".
func FactorLabel(f string) string { return schemas.FactorName(f) }

// TopFactor is the row of rows (one period and area) with the largest
// total-order index; false when no index is known.
func TopFactor(rows []SensitivityRow) (SensitivityRow, bool) {
	var top SensitivityRow
	ok := false
	for _, r := range rows {
		if r.Total == r.Total && (!ok || r.Total > top.Total) {
			top, ok = r, true
		}
	}
	return top, ok
}

// AllAreas is the area of the summary rows: the mean over the areas.
const AllAreas = "all"

// sobolBoot is the number of bootstrap resamples behind each interval.
const sobolBoot = 200

// sobolStream keeps the design's random numbers apart from the Monte
// Carlo's (PCG seeded with (seed, period + sobolStream)).
const sobolStream = 1 << 32

// SensitivityRow is one choice's Sobol indices for an area's composite rank
// in a period (Area AllAreas: the mean over the areas whose rank moves),
// with 95% bootstrap intervals. NaN when the rank does not move.
type SensitivityRow struct {
	Period                                   int
	Area                                     string
	Factor                                   string
	First, Total                             float64
	FirstLow, FirstHigh, TotalLow, TotalHigh float64
	Areas                                    int // areas behind the row: 1, or those averaged
}

// sensitivity estimates the Sobol indices of each choice for every area's
// composite rank on a Saltelli design of n base samples: (2 + factors) n
// composites ranked, in memory.
func sensitivity(in *mcPeriod, w []float64, threshold float64, n int, seed uint64, period int) (per [][]sobolIndex, mean []sobolIndex, varying int) {
	src := rand.NewPCG(seed, uint64(period)+sobolStream)
	rng := rand.New(src)
	dir := newDirichlet(w, src)
	draw := func() choice {
		c := choice{w: make([]float64, len(w))}
		dir.sample(c.w)
		c.r, c.m, c.g = rng.IntN(3), rng.IntN(len(Normalisations)), rng.IntN(2) == 1
		return c
	}
	a, b := make([]choice, n), make([]choice, n)
	for j := range a {
		a[j], b[j] = draw(), draw()
	}
	k, nA := len(SensitivityFactors), in.areas
	y := make([][][]float64, k+2)
	for g := range y {
		y[g] = make([][]float64, nA)
		for o := range y[g] {
			y[g][o] = make([]float64, n)
		}
	}
	comp, rk := make([]float64, nA), make([]float64, nA)
	eval := func(g, j int, c *choice) {
		in.rankUnder(c, threshold, comp, rk)
		for o, v := range rk {
			y[g][o][j] = v
		}
	}
	for j := 0; j < n; j++ {
		eval(0, j, &a[j])
		eval(1, j, &b[j])
		for i := 0; i < k; i++ {
			c := a[j]
			switch SensitivityFactors[i] {
			case FactorWeights:
				c.w = b[j].w
			case FactorNormalisation:
				c.m = b[j].m
			case FactorAggregation:
				c.g = b[j].g
			case FactorResidentDef:
				c.r = b[j].r
			}
			eval(2+i, j, &c)
		}
	}
	per, mean = sobolIndices(y, sobolBoot, rng)
	for _, p := range per {
		if len(p) > 0 && p[0].First == p[0].First {
			varying++
		}
	}
	return per, mean, varying
}

// sensitivityRows are a period's rows: each area's, then the mean's.
func sensitivityRows(in *mcPeriod, w []float64, opt *ScoreOptions, period int, areas []string) []SensitivityRow {
	per, mean, varying := sensitivity(in, w, opt.Coverage, opt.Samples, opt.Seed, period)
	var rows []SensitivityRow
	add := func(area string, idx []sobolIndex, n int) {
		for i, x := range idx {
			rows = append(rows, SensitivityRow{Period: period, Area: area, Factor: SensitivityFactors[i], First: x.First, Total: x.Total,
				FirstLow: x.FirstLow, FirstHigh: x.FirstHigh, TotalLow: x.TotalLow, TotalHigh: x.TotalHigh, Areas: n})
		}
	}
	for a, area := range areas {
		add(area, per[a], 1)
	}
	if mean != nil {
		add(AllAreas, mean, varying)
	}
	return rows
}
