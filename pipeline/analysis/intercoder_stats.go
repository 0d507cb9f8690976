package analysis

import (
	"math"
	"slices"
)

// NoValue marks a unit a coder did not code, in the reliability data that
// NominalAlpha, PairAgreement and CohenKappa read.
const NoValue = -1

// NominalAlpha is Krippendorff's alpha for nominal data, any number of
// coders, missing values allowed (Krippendorff, "Computing Krippendorff's
// Alpha-Reliability", 2011, section C). data[i][u] is the value coder i gave
// unit u, or NoValue. Units with fewer than two values are not pairable and
// do not count. It returns the alpha and the number of pairable units; the
// alpha is NaN when there is no pairable unit or every value is the same
// (no variation, so chance agreement is total and alpha is undefined).
func NominalAlpha(data [][]int) (float64, int) {
	if len(data) == 0 {
		return math.NaN(), 0
	}
	idx := map[int]int{} // value -> row of the coincidence matrix, in sorted order
	var vals []int
	for i := range data {
		for _, v := range data[i] {
			if _, ok := idx[v]; !ok && v != NoValue {
				idx[v] = 0
				vals = append(vals, v)
			}
		}
	}
	slices.Sort(vals)
	for i, v := range vals {
		idx[v] = i
	}
	o := make([][]float64, len(vals)) // the coincidence matrix
	for i := range o {
		o[i] = make([]float64, len(vals))
	}
	counts := make([]int, len(vals))
	units := 0
	for u := range data[0] {
		clear(counts)
		m := 0
		for i := range data {
			if v := data[i][u]; v != NoValue {
				counts[idx[v]]++
				m++
			}
		}
		if m < 2 {
			continue
		}
		units++
		for c, nc := range counts {
			for k, nk := range counts {
				pairs := nc * nk
				if c == k {
					pairs = nc * (nc - 1)
				}
				o[c][k] += float64(pairs) / float64(m-1)
			}
		}
	}
	nc := make([]float64, len(vals))
	n := 0.0
	observed := 0.0
	for c := range o {
		for k, v := range o[c] {
			nc[c] += v
			n += v
			if c != k {
				observed += v
			}
		}
	}
	expected := 0.0
	for c := range nc {
		for k := range nc {
			if c != k {
				expected += nc[c] * nc[k]
			}
		}
	}
	if units == 0 || expected == 0 {
		return math.NaN(), units
	}
	return 1 - (n-1)*observed/expected, units
}

// PairAgreement is the share of pairs of values, taken within each unit over
// every two coders who both coded it, that are the same: for two coders,
// the share of units they both coded on which they agree. NaN when no unit
// has two values.
func PairAgreement(data [][]int) float64 {
	agree, pairs := 0, 0
	if len(data) == 0 {
		return math.NaN()
	}
	for u := range data[0] {
		for i := range data {
			for j := i + 1; j < len(data); j++ {
				a, b := data[i][u], data[j][u]
				if a == NoValue || b == NoValue {
					continue
				}
				pairs++
				if a == b {
					agree++
				}
			}
		}
	}
	if pairs == 0 {
		return math.NaN()
	}
	return float64(agree) / float64(pairs)
}

// CohenKappa is Cohen's kappa (1960) between two coders over the units both
// coded: (observed agreement - chance agreement) / (1 - chance agreement),
// chance from each coder's own proportions of each value. NaN when no unit
// was coded by both, or when chance agreement is total (both coders gave
// one and the same value throughout).
func CohenKappa(a, b []int) float64 {
	pa, pb := map[int]float64{}, map[int]float64{}
	n, agree := 0.0, 0.0
	for u := range a {
		if a[u] == NoValue || b[u] == NoValue {
			continue
		}
		n++
		pa[a[u]]++
		pb[b[u]]++
		if a[u] == b[u] {
			agree++
		}
	}
	if n == 0 {
		return math.NaN()
	}
	vals := make([]int, 0, len(pa))
	for v := range pa {
		vals = append(vals, v)
	}
	slices.Sort(vals)
	chance := 0.0
	for _, v := range vals {
		chance += pa[v] / n * pb[v] / n
	}
	if chance >= 1 {
		return math.NaN()
	}
	return (agree/n - chance) / (1 - chance)
}
