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
	// Above[a*areas+b] counts the draws in which a ranks above b (a
	// better rank), of Both[a*areas+b] in which both have a composite.
	Above, Both []int32
}

// choice is one draw of the uncertain choices: weights, and the indices of
// the resident definition, normalisation and aggregation (g: geometric).
type choice struct {
	w    []float64
	r, m int
	g    bool
}

// rankUnder writes into rk the areas' composite ranks under choice c (comp
// holds the composites).
func (in *mcPeriod) rankUnder(c *choice, threshold float64, comp, rk []float64) {
	cols := in.arith[c.r][c.m]
	if c.g {
		cols = in.geo[c.r][c.m]
	}
	weightedMean(comp, nil, cols, c.w, threshold, c.g)
	rankDesc(comp, rk)
}

// dirichlet draws weights from a Dirichlet centred on w: concentration one
// per definition of positive weight, so equal weights give the uniform
// Dirichlet. A draw is independent Gamma(alpha_i, 1) draws, normalised (as
// gonum's distmv.Dirichlet draws it).
type dirichlet struct {
	pos    []int
	alpha  []float64
	gammas []distuv.Gamma
	draw   []float64
}

func newDirichlet(w []float64, src rand.Source) *dirichlet {
	d := &dirichlet{}
	total := 0.0
	for i, x := range w {
		if x > 0 {
			d.pos = append(d.pos, i)
			total += x
		}
	}
	d.alpha, d.gammas, d.draw = make([]float64, len(d.pos)), make([]distuv.Gamma, len(d.pos)), make([]float64, len(d.pos))
	for i, j := range d.pos {
		d.alpha[i] = float64(len(d.pos)) * w[j] / total
		d.gammas[i] = distuv.Gamma{Alpha: d.alpha[i], Beta: 1, Src: src}
	}
	return d
}

// sample writes a draw into dw (0 for the definitions of weight 0).
func (d *dirichlet) sample(dw []float64) {
	sum := 0.0
	for i := range d.gammas {
		d.draw[i] = d.gammas[i].Rand()
		sum += d.draw[i]
	}
	for i := range d.draw {
		if sum > 0 {
			d.draw[i] /= sum
		} else {
			d.draw[i] = d.alpha[i]
		}
	}
	clear(dw)
	for i, j := range d.pos {
		dw[j] = d.draw[i]
	}
}

// monteCarlo draws, draws times, a defensible set of choices: weights from a
// Dirichlet centred on w (concentration: one per definition of positive
// weight, so equal weights give the uniform Dirichlet), a normalisation, an
// aggregation and a resident definition, each equally likely; ranks the
// areas' composites under each draw; and summarises each area's ranks.
func monteCarlo(in *mcPeriod, w []float64, threshold float64, draws int, rng *rand.Rand, src rand.Source) mcResult {
	dir := newDirichlet(w, src)
	n := in.areas
	ranks := make([][]float64, n)
	comp, rk := make([]float64, n), make([]float64, n)
	c := choice{w: make([]float64, len(w))}
	above, both := make([]int32, n*n), make([]int32, n*n)
	for k := 0; k < draws; k++ {
		dir.sample(c.w)
		c.r, c.m, c.g = rng.IntN(3), rng.IntN(len(Normalisations)), rng.IntN(2) == 1
		in.rankUnder(&c, threshold, comp, rk)
		for a, v := range rk {
			if math.IsNaN(v) {
				continue
			}
			ranks[a] = append(ranks[a], v)
			for b, u := range rk {
				if math.IsNaN(u) {
					continue
				}
				both[a*n+b]++
				if v < u {
					above[a*n+b]++
				}
			}
		}
	}
	res := mcResult{Median: nanSlice(n), P05: nanSlice(n), P95: nanSlice(n), Draws: make([]int, n), Above: above, Both: both}
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

// referenceRanks are the composite ranks under the chosen settings and resident definition.
func referenceRanks(rows []ScoreRow, period int, rd string, ai map[string]int) []float64 {
	ref := nanSlice(len(ai))
	for i := len(rows) - 1; i >= 0; i-- {
		r := &rows[i]
		if r.Period != period {
			break
		}
		if r.Definition == Composite && r.ResidentDef == rd {
			ref[ai[r.Area]] = r.Rank
		}
	}
	return ref
}
