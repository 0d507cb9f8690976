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

// sobolTerms are one output's per-row terms of the estimators, k factors:
// for row j, at j*(3+2k), whether the row has every output (1 or 0), the
// sum and sum of squares of its A and B outputs, and for each factor i
// yB (yAB_i - yA) and (yA - yAB_i)^2. Outputs are first centred on the mean
// of A and B, which leaves the estimators' expectations alone and keeps
// their variance from growing with the mean (a rank's mean is far from 0).
// Every estimate, and every bootstrap resample's, is a weighted sum of them.
type sobolTerms struct {
	k     int
	terms []float64
}

func newSobolTerms(y [][][]float64, o int) sobolTerms {
	k, n := len(y)-2, len(y[0][o])
	valid := func(j int) bool {
		for g := range y {
			if math.IsNaN(y[g][o][j]) {
				return false
			}
		}
		return true
	}
	mean, m := 0.0, 0
	for j := 0; j < n; j++ {
		if valid(j) {
			mean += y[0][o][j] + y[1][o][j]
			m += 2
		}
	}
	if m > 0 {
		mean /= float64(m)
	}
	w := 3 + 2*k
	t := sobolTerms{k: k, terms: make([]float64, n*w)}
	for j := 0; j < n; j++ {
		if !valid(j) {
			continue
		}
		r := t.terms[j*w : (j+1)*w]
		a, b := y[0][o][j]-mean, y[1][o][j]-mean
		r[0], r[1], r[2] = 1, a+b, a*a+b*b
		for i := 0; i < k; i++ {
			ab := y[2+i][o][j] - mean
			r[3+2*i], r[4+2*i] = b*(ab-a), (a-ab)*(a-ab)
		}
	}
	return t
}

// estimate writes into first and total each factor's first-order index
// (Saltelli 2010's estimator: mean of yB (yAB_i - yA) over V) and
// total-order index (Jansen 1999: mean of (yA - yAB_i)^2 over 2V), V the
// variance of the A and B outputs together, over the rows counted in
// count (a bootstrap resample; nil: every row once). It returns false when
// fewer than two rows have every output or the output does not vary.
func (t sobolTerms) estimate(count []int32, sums, first, total []float64) bool {
	w := len(sums)
	clear(sums)
	for j := 0; j < len(t.terms)/w; j++ {
		c := 1.0
		if count != nil {
			if count[j] == 0 {
				continue
			}
			c = float64(count[j])
		}
		r := t.terms[j*w : (j+1)*w]
		for x := range sums {
			sums[x] += c * r[x]
		}
	}
	n := sums[0]
	if n < 2 {
		return false
	}
	mean := sums[1] / (2 * n)
	v := sums[2]/(2*n) - mean*mean
	if v <= 1e-12 {
		return false
	}
	for i := 0; i < t.k; i++ {
		first[i] = sums[3+2*i] / (n * v)
		total[i] = sums[4+2*i] / (2 * n * v)
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
	terms := make([]sobolTerms, nOut)
	sums, first, total := make([]float64, 3+2*k), make([]float64, k), make([]float64, k)
	per = make([][]sobolIndex, nOut)
	varies := make([]bool, nOut)
	mean = make([]sobolIndex, k)
	nVary := 0
	for o := range per {
		terms[o] = newSobolTerms(y, o)
		per[o] = make([]sobolIndex, k)
		varies[o] = terms[o].estimate(nil, sums, first, total)
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
	sobolBootstrap(terms, varies, len(y[0][0]), boot, rng, per, mean)
	return per, mean
}

// sobolBootstrap sets the intervals of per and mean from boot resamples of
// the n rows.
func sobolBootstrap(terms []sobolTerms, varies []bool, n, boot int, rng *rand.Rand, per [][]sobolIndex, mean []sobolIndex) {
	k, nOut := len(mean), len(per)
	sums, first, total := make([]float64, 3+2*k), make([]float64, k), make([]float64, k)
	// reps[o][i] and the mean's (o = nOut), first and total.
	repF, repT := make([][][]float64, nOut+1), make([][][]float64, nOut+1)
	for o := range repF {
		repF[o], repT[o] = make([][]float64, k), make([][]float64, k)
	}
	count := make([]int32, n)
	mf, mt := make([]float64, k), make([]float64, k)
	for r := 0; r < boot; r++ {
		clear(count)
		for j := 0; j < n; j++ {
			count[rng.IntN(n)]++
		}
		clear(mf)
		clear(mt)
		m := 0
		for o := 0; o < nOut; o++ {
			if !varies[o] || !terms[o].estimate(count, sums, first, total) {
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
