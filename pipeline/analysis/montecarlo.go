package analysis

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat"
	"gonum.org/v1/gonum/stat/distuv"
)

// mcPeriod is what the Monte Carlo needs for one period, held in memory:
// for each resident definition and normalisation, each definition's score
// column (arith) and the logarithm of its positive version (geo).
type mcPeriod struct {
	areas int
	arith [3][4][][]float64 // [resident def][normalisation][definition][area]
	geo   [3][4][][]float64
}

// mcResult is each area's rank over the draws.
type mcResult struct {
	Median, P05, P95 []float64 // NaN when the area never had a composite
	Draws            []int     // draws in which the area had a composite
}

// monteCarlo draws, draws times, a defensible set of choices: weights from a
// Dirichlet centred on w (concentration: one per definition of positive
// weight, so equal weights give the uniform Dirichlet), a normalisation, an
// aggregation and a resident definition, each equally likely; ranks the
// areas' composites under each draw; and summarises each area's ranks.
func monteCarlo(in *mcPeriod, w []float64, threshold float64, draws int, rng *rand.Rand, src rand.Source) mcResult {
	var pos []int
	total := 0.0
	for d, x := range w {
		if x > 0 {
			pos = append(pos, d)
			total += x
		}
	}
	alpha := make([]float64, len(pos))
	for i, d := range pos {
		alpha[i] = float64(len(pos)) * w[d] / total
	}
	// A Dirichlet draw is independent Gamma(alpha_i, 1) draws, normalised
	// (as gonum's distmv.Dirichlet draws it).
	gammas := make([]distuv.Gamma, len(pos))
	for i, a := range alpha {
		gammas[i] = distuv.Gamma{Alpha: a, Beta: 1, Src: src}
	}
	n := in.areas
	ranks := make([][]float64, n)
	comp, rk := make([]float64, n), make([]float64, n)
	dw, draw := make([]float64, len(w)), make([]float64, len(pos))
	for k := 0; k < draws; k++ {
		sum := 0.0
		for i := range gammas {
			draw[i] = gammas[i].Rand()
			sum += draw[i]
		}
		for i := range draw {
			if sum > 0 {
				draw[i] /= sum
			} else {
				draw[i] = alpha[i]
			}
		}
		clear(dw)
		for i, d := range pos {
			dw[d] = draw[i]
		}
		r, m, g := rng.IntN(3), rng.IntN(len(Normalisations)), rng.IntN(2) == 1
		cols := in.arith[r][m]
		if g {
			cols = in.geo[r][m]
		}
		weightedMean(comp, nil, cols, dw, threshold, g)
		rankDesc(comp, rk)
		for a, v := range rk {
			if !math.IsNaN(v) {
				ranks[a] = append(ranks[a], v)
			}
		}
	}
	res := mcResult{Median: nanSlice(n), P05: nanSlice(n), P95: nanSlice(n), Draws: make([]int, n)}
	for a, x := range ranks {
		res.Draws[a] = len(x)
		if len(x) == 0 {
			continue
		}
		slices.Sort(x)
		res.Median[a] = median(x)
		res.P05[a] = stat.Quantile(0.05, stat.Empirical, x, nil)
		res.P95[a] = stat.Quantile(0.95, stat.Empirical, x, nil)
	}
	return res
}

func median(sorted []float64) float64 {
	n := len(sorted)
	if n%2 == 1 {
		return sorted[n/2]
	}
	return (sorted[n/2-1] + sorted[n/2]) / 2
}
