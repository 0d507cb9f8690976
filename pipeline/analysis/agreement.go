package analysis

import (
	"math"
	"sort"

	"gonum.org/v1/gonum/stat/distuv"
)

// Chance is the p-value below which an agreement is distinguishable from
// chance (two-sided).
const Chance = 0.05

// exactBelow is the number of areas below which, with no ties, tau's
// p-value comes from its exact permutation distribution (as R's cor.test
// does); at or above it, or with ties, from the normal approximation with
// the tie-corrected variance of S.
const exactBelow = 50

// kendallPairs counts, over the areas with both x and y, the concordant and
// discordant pairs and the pairs tied in x and in y (pairs tied on both
// count in both), and the sizes of the groups of tied values.
type kendallPairs struct {
	n                        int
	conc, disc, tiesX, tiesY float64
	groupsX, groupsY         []int
}

func countPairs(x, y []float64) kendallPairs {
	var xs, ys []float64
	for i := range x {
		if !math.IsNaN(x[i]) && !math.IsNaN(y[i]) {
			xs, ys = append(xs, x[i]), append(ys, y[i])
		}
	}
	k := kendallPairs{n: len(xs), groupsX: tieGroups(xs), groupsY: tieGroups(ys)}
	for i := 0; i < k.n; i++ {
		for j := i + 1; j < k.n; j++ {
			dx, dy := sign(xs[i]-xs[j]), sign(ys[i]-ys[j])
			switch {
			case dx == 0 && dy == 0:
				k.tiesX++
				k.tiesY++
			case dx == 0:
				k.tiesX++
			case dy == 0:
				k.tiesY++
			case dx == dy:
				k.conc++
			default:
				k.disc++
			}
		}
	}
	return k
}

// tieGroups are the sizes of the groups of equal values (2 or more).
func tieGroups(x []float64) []int {
	c := map[float64]int{}
	for _, v := range x {
		c[v]++
	}
	var g []int
	for _, n := range c {
		if n > 1 {
			g = append(g, n)
		}
	}
	sort.Ints(g)
	return g
}

// TauTest is a tau-b's test against no association and its interval.
type TauTest struct {
	P         float64 // two-sided p-value
	Exact     bool    // from the exact permutation distribution (else the normal approximation)
	Low, High float64 // 95% interval: Fisher's z with the Fieller-Hartley-Pearson variance 0.437 / (n - 4)
}

// Method says how P was found, for people and the agreement table.
func (t TauTest) Method() string {
	if t.Exact {
		return "exact"
	}
	return "normal"
}

// tauTest tests tau (the tau-b of k) against no association: exact (the
// permutation distribution of S, all n! orders equally likely) with no ties
// and fewer than 50 areas, else the normal approximation to S with the
// tie-corrected variance (Kendall 1970, eq. 4.3), no continuity correction,
// as R's cor.test. The interval is Fisher's z transformation of tau with
// the variance 0.437 / (n - 4) of Fieller, Hartley and Pearson (1957),
// as Bonett and Wright (2000) recommend: NaN with 4 areas or fewer.
func tauTest(k kendallPairs, tau float64) TauTest {
	t := TauTest{P: math.NaN(), Low: math.NaN(), High: math.NaN()}
	if k.n < 2 || math.IsNaN(tau) {
		return t
	}
	s := k.conc - k.disc
	if len(k.groupsX) == 0 && len(k.groupsY) == 0 && k.n < exactBelow {
		t.Exact = true
		t.P = exactTauP(k.n, s)
	} else if v := varianceS(k.n, k.groupsX, k.groupsY); v > 0 {
		z := s / math.Sqrt(v)
		t.P = 2 * distuv.UnitNormal.Survival(math.Abs(z))
	}
	if k.n > 4 {
		z, se := math.Atanh(tau), math.Sqrt(0.437/float64(k.n-4))
		t.Low, t.High = math.Tanh(z-1.96*se), math.Tanh(z+1.96*se)
	}
	return t
}

// varianceS is the variance of S = concordant - discordant under no
// association, corrected for ties in x (groups tx) and y (groups ty).
func varianceS(n int, tx, ty []int) float64 {
	f := func(g []int, fn func(t float64) float64) float64 {
		s := 0.0
		for _, t := range g {
			s += fn(float64(t))
		}
		return s
	}
	a := func(t float64) float64 { return t * (t - 1) * (2*t + 5) }
	b := func(t float64) float64 { return t * (t - 1) * (t - 2) }
	c := func(t float64) float64 { return t * (t - 1) }
	m := float64(n)
	v := (a(m) - f(tx, a) - f(ty, a)) / 18
	if n > 2 {
		v += f(tx, b) * f(ty, b) / (9 * m * (m - 1) * (m - 2))
	}
	return v + f(tx, c)*f(ty, c)/(2*m*(m-1))
}

// exactTauP is the two-sided p-value of S for n untied areas: the chance,
// over the n! equally likely orders, of an |S| at least as large. S is
// n(n-1)/2 - 2 inversions; the inversions' distribution (Mahonian
// numbers) is built one area at a time, as probabilities.
func exactTauP(n int, s float64) float64 {
	maxInv := n * (n - 1) / 2
	p := []float64{1}
	for m := 2; m <= n; m++ {
		// Adding the m-th area adds 0 to m-1 inversions, each 1/m likely.
		next := make([]float64, len(p)+m-1)
		run := 0.0
		for k := range next {
			if k < len(p) {
				run += p[k]
			}
			if k-m >= 0 && k-m < len(p) {
				run -= p[k-m]
			}
			next[k] = run / float64(m)
		}
		p = next
	}
	// |S| >= |s| means inversions <= (maxInv - |s|) / 2 or the mirror.
	lim := (float64(maxInv) - math.Abs(s)) / 2
	tail := 0.0
	for k := 0; float64(k) <= lim+1e-9; k++ {
		tail += p[k]
	}
	return math.Min(1, 2*tail)
}

// ConcordanceRow is Kendall's W across every definition's ranking of the
// areas in a period, under a resident definition.
type ConcordanceRow struct {
	Period      int
	ResidentDef string
	W           float64 // 0 (no agreement) to 1 (every definition ranks the areas alike); tie-corrected
	Definitions int     // definitions with a value for some area
	N           int     // areas with a value under every one of them
	ChiSquared  float64 // m (n - 1) W, Friedman's statistic
	DF          int     // n - 1
	P           float64 // chi-squared approximation
}

// kendallW is Kendall's coefficient of concordance of the columns of cols
// (one per definition, oriented higher is more resident-led) over the areas
// with every column: W = 12 S / (m^2 (n^3 - n) - m sum T), S the squared
// deviations of the areas' rank sums from their mean, T = t^3 - t over each
// column's groups of tied values (Kendall & Babington Smith 1939; the
// correction as in Siegel & Castellan 1988, 10.4). Columns with no value at
// all are left out.
func kendallW(cols [][]float64) (w float64, m, n int, chi2 float64, p float64) {
	var use [][]float64
	for _, c := range cols {
		for _, v := range c {
			if !math.IsNaN(v) {
				use = append(use, c)
				break
			}
		}
	}
	m = len(use)
	if m < 2 {
		return math.NaN(), m, 0, math.NaN(), math.NaN()
	}
	var rows []int
	for a := range use[0] {
		ok := true
		for _, c := range use {
			ok = ok && !math.IsNaN(c[a])
		}
		if ok {
			rows = append(rows, a)
		}
	}
	n = len(rows)
	if n < 2 {
		return math.NaN(), m, n, math.NaN(), math.NaN()
	}
	sums := make([]float64, n)
	ties := 0.0
	x := make([]float64, n)
	for _, c := range use {
		for i, a := range rows {
			x[i] = c[a]
		}
		for i, r := range midRanks(x) {
			sums[i] += r
		}
		for _, t := range tieGroups(x) {
			ties += float64(t*t*t - t)
		}
	}
	mf, nf := float64(m), float64(n)
	mean := mf * (nf + 1) / 2
	s := 0.0
	for _, r := range sums {
		s += (r - mean) * (r - mean)
	}
	den := mf*mf*(nf*nf*nf-nf) - mf*ties
	if den <= 0 {
		return math.NaN(), m, n, math.NaN(), math.NaN()
	}
	w = 12 * s / den
	chi2 = mf * (nf - 1) * w
	p = distuv.ChiSquared{K: nf - 1}.Survival(chi2)
	return w, m, n, chi2, p
}

// midRanks are x's ranks, 1 the lowest, ties sharing the mean of their
// ranks.
func midRanks(x []float64) []float64 {
	idx := make([]int, len(x))
	for i := range idx {
		idx[i] = i
	}
	sort.SliceStable(idx, func(a, b int) bool { return x[idx[a]] < x[idx[b]] })
	r := make([]float64, len(x))
	for i := 0; i < len(idx); {
		j := i
		for j < len(idx) && x[idx[j]] == x[idx[i]] {
			j++
		}
		for k := i; k < j; k++ {
			r[idx[k]] = float64(i+j+1) / 2
		}
		i = j
	}
	return r
}

func concordanceRow(cols [][]float64, period int, rd string) ConcordanceRow {
	w, m, n, chi2, p := kendallW(cols)
	return ConcordanceRow{Period: period, ResidentDef: rd, W: w, Definitions: m, N: n, ChiSquared: chi2, DF: n - 1, P: p}
}
