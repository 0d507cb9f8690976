package analysis

import (
	"math"
	"sort"
)

// Normalisations, for --normalisation and the Monte Carlo.
const (
	MinMax     = "minmax"
	ZScore     = "z"
	RankNorm   = "rank"
	Percentile = "percentile"
)

// Normalisations lists them, the default first.
var Normalisations = []string{MinMax, ZScore, RankNorm, Percentile}

// Aggregations, for --aggregation and the Monte Carlo.
const (
	Arithmetic = "arithmetic"
	Geometric  = "geometric"
)

// Aggregations lists them, the default first.
var Aggregations = []string{Arithmetic, Geometric}

// normalised is one column (a definition, in a period, under a resident
// definition) normalised across areas; NaN where an area has no value.
// Every normalisation is oriented so that higher is more resident-led,
// except Rank where 1 is the most resident-led.
type normalised struct {
	MinMax     []float64 // 0 to 100; 50 for every area when all values are equal
	Z          []float64 // (x - mean) / sample standard deviation; 0 when it is 0
	Rank       []float64 // 1 the most resident-led; ties share the best rank
	Percentile []float64 // share of the other areas it is above, ties counting half, 0 to 100
	N          int       // areas with a value
}

// normalise normalises x across areas; lower says a lower value is more
// resident-led (the column is turned round first).
func normalise(x []float64, lower bool) normalised {
	n := len(x)
	o := make([]float64, n)
	r := normalised{MinMax: nanSlice(n), Z: nanSlice(n), Rank: nanSlice(n), Percentile: nanSlice(n)}
	lo, hi := math.Inf(1), math.Inf(-1)
	sum := 0.0
	for i, v := range x {
		o[i] = v
		if lower {
			o[i] = -v
		}
		if math.IsNaN(v) {
			continue
		}
		r.N++
		lo, hi = math.Min(lo, o[i]), math.Max(hi, o[i])
		sum += o[i]
	}
	if r.N == 0 {
		return r
	}
	mean := sum / float64(r.N)
	ss := 0.0
	for _, v := range o {
		if !math.IsNaN(v) {
			ss += (v - mean) * (v - mean)
		}
	}
	sd := 0.0
	if r.N > 1 {
		sd = math.Sqrt(ss / float64(r.N-1))
	}
	for i, v := range o {
		if math.IsNaN(v) {
			continue
		}
		if hi > lo {
			r.MinMax[i] = 100 * (v - lo) / (hi - lo)
		} else {
			r.MinMax[i] = 50
		}
		if sd > 0 {
			r.Z[i] = (v - mean) / sd
		} else {
			r.Z[i] = 0
		}
	}
	rankDesc(o, r.Rank)
	// Percentile from the ranks: an area above b others and tied with t
	// others is at 100 (b + t/2) / (N - 1).
	if r.N == 1 {
		for i, v := range o {
			if !math.IsNaN(v) {
				r.Percentile[i] = 50
			}
		}
		return r
	}
	ties := map[float64]int{}
	for _, v := range o {
		if !math.IsNaN(v) {
			ties[v]++
		}
	}
	for i, v := range o {
		if math.IsNaN(v) {
			continue
		}
		t := ties[v] - 1
		above := r.N - int(r.Rank[i]) - t // areas strictly below
		r.Percentile[i] = 100 * (float64(above) + float64(t)/2) / float64(r.N-1)
	}
	return r
}

// rankDesc writes into dst the rank of each value of x, 1 the highest,
// ties sharing the best rank (1, 2, 2, 4); NaN stays unranked.
func rankDesc(x, dst []float64) {
	idx := make([]int, 0, len(x))
	for i, v := range x {
		dst[i] = math.NaN()
		if !math.IsNaN(v) {
			idx = append(idx, i)
		}
	}
	sort.Slice(idx, func(a, b int) bool { return x[idx[a]] > x[idx[b]] })
	for k, i := range idx {
		if k > 0 && x[idx[k-1]] == x[i] {
			dst[i] = dst[idx[k-1]]
		} else {
			dst[i] = float64(k + 1)
		}
	}
}

// score is the column a composite uses under a normalisation: higher is more
// resident-led. Ranks become 100 (N - rank) / (N - 1), so that 0 to 100
// like min-max and percentile.
func (r normalised) score(method string) []float64 {
	switch method {
	case ZScore:
		return r.Z
	case Percentile:
		return r.Percentile
	case RankNorm:
		s := nanSlice(len(r.Rank))
		for i, k := range r.Rank {
			if math.IsNaN(k) {
				continue
			}
			if r.N > 1 {
				s[i] = 100 * float64(r.N-int(k)) / float64(r.N-1)
			} else {
				s[i] = 50
			}
		}
		return s
	default:
		return r.MinMax
	}
}

// logPositive is what a geometric mean multiplies: a geometric mean needs
// positive scores, so each score is first put on 1 to 100 (min-max across
// the areas, 1 the least resident-led), and its logarithm taken.
func logPositive(s []float64) []float64 {
	return logFixed(normalise(s, false).MinMax)
}

// compositeCols are the columns the composite averages under a
// normalisation and aggregation, for resident definition r.
func compositeCols(mc *mcPeriod, gp [2][][]float64, r int, method string, geo bool) [][]float64 {
	switch {
	case method == Goalposts && geo:
		return gp[1]
	case method == Goalposts:
		return gp[0]
	}
	m := indexOfString(Normalisations, method)
	if geo {
		return mc.geo[r][m]
	}
	return mc.arith[r][m]
}

// weightedMean writes into dst each area's weighted mean of cols (one column
// per definition) over the definitions the area has, and into cov the share
// of the total weight those definitions carry. An area whose coverage is
// below threshold gets NaN. exp takes the exponential of the mean (cols
// then hold logarithms: a geometric mean).
func weightedMean(dst, cov []float64, cols [][]float64, w []float64, threshold float64, exp bool) {
	total := 0.0
	for _, x := range w {
		total += x
	}
	for a := range dst {
		sw, s := 0.0, 0.0
		for d, col := range cols {
			if w[d] == 0 || math.IsNaN(col[a]) {
				continue
			}
			sw += w[d]
			s += w[d] * col[a]
		}
		c := 0.0
		if total > 0 {
			c = sw / total
		}
		if cov != nil {
			cov[a] = c
		}
		if sw == 0 || c < threshold-1e-12 {
			dst[a] = math.NaN()
			continue
		}
		dst[a] = s / sw
		if exp {
			dst[a] = math.Exp(dst[a])
		}
	}
}

func nanSlice(n int) []float64 {
	s := make([]float64, n)
	for i := range s {
		s[i] = math.NaN()
	}
	return s
}

// kendallTauB is Kendall's tau-b between x and y over the areas with both,
// and how many those are. It is NaN when fewer than two areas have both or
// one of the columns has no spread.
func kendallTauB(x, y []float64) (float64, int) {
	return tauB(countPairs(x, y))
}

func tauB(k kendallPairs) (float64, int) {
	if k.n < 2 {
		return math.NaN(), k.n
	}
	n0 := float64(k.n*(k.n-1)) / 2
	den := math.Sqrt((n0 - k.tiesX) * (n0 - k.tiesY))
	if den == 0 {
		return math.NaN(), k.n
	}
	return (k.conc - k.disc) / den, k.n
}

func sign(v float64) int {
	switch {
	case v > 0:
		return 1
	case v < 0:
		return -1
	}
	return 0
}
