package analysis

import (
	"math"
	"math/rand/v2"
	"slices"

	"gonum.org/v1/gonum/stat"
)

// Sobol sensitivity indices on a Saltelli design (Saltelli et al. 2010,
// "Variance based sensitivity analysis of model output", Computer Physics
// Communications 181, 259-270). The design has two independent samples A
// and B of N rows each, and for every factor (or group of factors) i a
// sample AB_i: A with factor i taken from B. Its model outputs are held as
// y[g][o][j]: g is 0 for A, 1 for B, 2+i for AB_i; o the output (an area's
// rank); j the row. A NaN output leaves its row out of that output's
// estimates.

// sobolIndex is one factor's indices for one output, with bootstrap
// percentile intervals (2.5% to 97.5%). NaN when the output does not vary.
type sobolIndex struct {
	First, Total                             float64
	FirstLow, FirstHigh, TotalLow, TotalHigh float64
}

// sobolEstimate writes into first and total each factor's first-order index
// (Saltelli 2010's estimator: mean of yB (yAB_i - yA) over V) and total-order
// index (Jansen 1999: mean of (yA - yAB_i)^2 over 2V) for one output, over
// the given rows (a row may repeat: a bootstrap resample; nil: every row).
// V is the variance of the A and B outputs together. The outputs are first
// centred on their mean, which leaves the estimator's expectation alone and
// keeps its variance from growing with the mean (a rank's mean is far from
// 0). It returns false when fewer than two rows have every output or the
// output does not vary.
func sobolEstimate(y [][]float64, rows []int, first, total []float64) bool {
	yA, yB, k := y[0], y[1], len(y)-2
	each := func(fn func(j int)) {
		visit := func(j int) {
			for _, g := range y {
				if math.IsNaN(g[j]) {
					return
				}
			}
			fn(j)
		}
		if rows == nil {
			for j := range yA {
				visit(j)
			}
			return
		}
		for _, j := range rows {
			visit(j)
		}
	}
	n, sum := 0, 0.0
	each(func(j int) { n++; sum += yA[j] + yB[j] })
	if n < 2 {
		return false
	}
	mean := sum / float64(2*n)
	clear(first)
	clear(total)
	v := 0.0
	each(func(j int) {
		a, b := yA[j]-mean, yB[j]-mean
		v += a*a + b*b
		for i := 0; i < k; i++ {
			ab := y[2+i][j] - mean
			first[i] += b * (ab - a)
			total[i] += (a - ab) * (a - ab)
		}
	})
	v /= float64(2 * n)
	if v <= 1e-12*math.Max(1, mean*mean) {
		return false
	}
	for i := 0; i < k; i++ {
		first[i] /= float64(n) * v
		total[i] /= 2 * float64(n) * v
	}
	return true
}

// sobolIndices estimates every output's indices and their mean over the
// outputs that vary, with percentile intervals from boot bootstrap
// resamples of the rows (the same resamples for every output, so that the
// mean's interval is the interval of the mean).
func sobolIndices(y [][][]float64, boot int, rng *rand.Rand) (per [][]sobolIndex, mean []sobolIndex) {
	k, nOut := len(y)-2, len(y[0])
	if nOut == 0 {
		return nil, nil
	}
	first, total := make([]float64, k), make([]float64, k)
	// Point estimates.
	per = make([][]sobolIndex, nOut)
	varies := make([]bool, nOut)
	mean = make([]sobolIndex, k)
	nVary := 0
	for o := range per {
		per[o] = make([]sobolIndex, k)
		varies[o] = sobolEstimate(sobolOutput(y, o), nil, first, total)
		for i := range per[o] {
			per[o][i] = nanIndex()
			if varies[o] {
				per[o][i].First, per[o][i].Total = first[i], total[i]
				mean[i].First += first[i]
				mean[i].Total += total[i]
			}
		}
		if varies[o] {
			nVary++
		}
	}
	if nVary == 0 {
		for i := range mean {
			mean[i] = nanIndex()
		}
		return per, mean
	}
	for i := range mean {
		mean[i].First /= float64(nVary)
		mean[i].Total /= float64(nVary)
	}
	sobolBootstrap(y, varies, boot, rng, per, mean)
	return per, mean
}

// sobolBootstrap sets the intervals of per and mean from boot resamples.
func sobolBootstrap(y [][][]float64, varies []bool, boot int, rng *rand.Rand, per [][]sobolIndex, mean []sobolIndex) {
	k, nOut, nRows := len(y)-2, len(y[0]), len(y[0][0])
	first, total := make([]float64, k), make([]float64, k)
	// reps[o][i] and the mean's (o = nOut), first and total.
	repF, repT := make([][][]float64, nOut+1), make([][][]float64, nOut+1)
	for o := range repF {
		repF[o], repT[o] = make([][]float64, k), make([][]float64, k)
	}
	rows := make([]int, nRows)
	mf, mt := make([]float64, k), make([]float64, k)
	for r := 0; r < boot; r++ {
		for j := range rows {
			rows[j] = rng.IntN(nRows)
		}
		clear(mf)
		clear(mt)
		m := 0
		for o := 0; o < nOut; o++ {
			if !varies[o] || !sobolEstimate(sobolOutput(y, o), rows, first, total) {
				continue
			}
			m++
			for i := 0; i < k; i++ {
				repF[o][i] = append(repF[o][i], first[i])
				repT[o][i] = append(repT[o][i], total[i])
				mf[i] += first[i]
				mt[i] += total[i]
			}
		}
		if m == 0 {
			continue
		}
		for i := 0; i < k; i++ {
			repF[nOut][i] = append(repF[nOut][i], mf[i]/float64(m))
			repT[nOut][i] = append(repT[nOut][i], mt[i]/float64(m))
		}
	}
	interval := func(x *sobolIndex, f, t []float64) {
		x.FirstLow, x.FirstHigh = percentileInterval(f)
		x.TotalLow, x.TotalHigh = percentileInterval(t)
	}
	for o := 0; o < nOut; o++ {
		if varies[o] {
			for i := 0; i < k; i++ {
				interval(&per[o][i], repF[o][i], repT[o][i])
			}
		}
	}
	for i := 0; i < k; i++ {
		interval(&mean[i], repF[nOut][i], repT[nOut][i])
	}
}

// sobolOutput is output o's outputs by sample: [g][j].
func sobolOutput(y [][][]float64, o int) [][]float64 {
	c := make([][]float64, len(y))
	for g := range y {
		c[g] = y[g][o]
	}
	return c
}

func nanIndex() sobolIndex {
	n := math.NaN()
	return sobolIndex{n, n, n, n, n, n}
}

// percentileInterval is the 2.5% and 97.5% quantiles of x (NaN, NaN when
// empty); x is sorted in place.
func percentileInterval(x []float64) (float64, float64) {
	if len(x) == 0 {
		return math.NaN(), math.NaN()
	}
	slices.Sort(x)
	return stat.Quantile(0.025, stat.Empirical, x, nil), stat.Quantile(0.975, stat.Empirical, x, nil)
}
