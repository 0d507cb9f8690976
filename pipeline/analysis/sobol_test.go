package analysis

import (
	"math"
	"math/rand/v2"
	"testing"
)

// saltelli evaluates f on a Saltelli design of n rows over k factors,
// uniform on [lo, hi], as y[g][0][j] (one output).
func saltelli(n, k int, lo, hi float64, seed uint64, f func([]float64) float64) [][][]float64 {
	rng := rand.New(rand.NewPCG(seed, 7))
	draw := func() [][]float64 {
		m := make([][]float64, n)
		for j := range m {
			m[j] = make([]float64, k)
			for i := range m[j] {
				m[j][i] = lo + (hi-lo)*rng.Float64()
			}
		}
		return m
	}
	a, b := draw(), draw()
	y := make([][][]float64, k+2)
	for g := range y {
		y[g] = [][]float64{make([]float64, n)}
	}
	x := make([]float64, k)
	for j := 0; j < n; j++ {
		y[0][0][j], y[1][0][j] = f(a[j]), f(b[j])
		for i := 0; i < k; i++ {
			copy(x, a[j])
			x[i] = b[j][i]
			y[2+i][0][j] = f(x)
		}
	}
	return y
}

// checkIndices holds each estimate to its analytic value within three
// bootstrap standard errors (the interval's half-width over 1.96), and
// first-order below total-order within the intervals.
func checkIndices(t *testing.T, got []sobolIndex, first, total []float64) {
	t.Helper()
	for i := range got {
		g := got[i]
		seF, seT := (g.FirstHigh-g.FirstLow)/(2*1.96), (g.TotalHigh-g.TotalLow)/(2*1.96)
		if !(seF > 0 && seF < 0.05 && seT > 0 && seT < 0.05) {
			t.Errorf("x%d: standard errors %g, %g: the bootstrap did not run or the sample is too small", i+1, seF, seT)
		}
		if math.Abs(g.First-first[i]) > 3*seF+1e-3 {
			t.Errorf("x%d first-order %.4f [%.4f, %.4f], analytic %.4f", i+1, g.First, g.FirstLow, g.FirstHigh, first[i])
		}
		if math.Abs(g.Total-total[i]) > 3*seT+1e-3 {
			t.Errorf("x%d total-order %.4f [%.4f, %.4f], analytic %.4f", i+1, g.Total, g.TotalLow, g.TotalHigh, total[i])
		}
		if g.FirstLow > g.TotalHigh {
			t.Errorf("x%d first-order [%.4f, %.4f] above total-order [%.4f, %.4f]", i+1, g.FirstLow, g.FirstHigh, g.TotalLow, g.TotalHigh)
		}
	}
}

// The Ishigami function, a = 7, b = 0.1, x uniform on [-pi, pi]; analytic
// variances from Ishigami & Homma (1990), as in Saltelli et al. (2010)
// and SALib's test functions: V1 = b pi^4/5 + b^2 pi^8/50 + 1/2,
// V2 = a^2/8, V3 = 0, V13 = 8 b^2 pi^8/225, V = V1 + V2 + V13.
// (S1 0.3139, S2 0.4424, S3 0; ST1 0.5576, ST2 0.4424, ST3 0.2437.)
func TestSobolIshigami(t *testing.T) {
	const a, b = 7.0, 0.1
	f := func(x []float64) float64 {
		return math.Sin(x[0]) + a*math.Sin(x[1])*math.Sin(x[1]) + b*math.Pow(x[2], 4)*math.Sin(x[0])
	}
	pi4, pi8 := math.Pow(math.Pi, 4), math.Pow(math.Pi, 8)
	v1, v2, v13 := b*pi4/5+b*b*pi8/50+0.5, a*a/8, 8*b*b*pi8/225
	v := v1 + v2 + v13
	y := saltelli(8192, 3, -math.Pi, math.Pi, 1, f)
	_, mean := sobolIndices(y, 200, rand.New(rand.NewPCG(1, 2)))
	checkIndices(t, mean, []float64{v1 / v, v2 / v, 0}, []float64{(v1 + v13) / v, v2 / v, v13 / v})
}

// Sobol's g-function, x uniform on [0, 1], a = (0, 1, 4.5, 9, 99, 99, 99,
// 99) (Saltelli et al. 2010, section 4): Vi = 1 / (3 (1 + ai)^2),
// V = prod(1 + Vi) - 1, Si = Vi / V, STi = Vi prod_{j != i}(1 + Vj) / V.
func TestSobolGFunction(t *testing.T) {
	as := []float64{0, 1, 4.5, 9, 99, 99, 99, 99}
	f := func(x []float64) float64 {
		p := 1.0
		for i, ai := range as {
			p *= (math.Abs(4*x[i]-2) + ai) / (1 + ai)
		}
		return p
	}
	vi := make([]float64, len(as))
	prod := 1.0
	for i, ai := range as {
		vi[i] = 1 / (3 * (1 + ai) * (1 + ai))
		prod *= 1 + vi[i]
	}
	v := prod - 1
	first, total := make([]float64, len(as)), make([]float64, len(as))
	for i := range as {
		first[i] = vi[i] / v
		total[i] = vi[i] * prod / (1 + vi[i]) / v
	}
	y := saltelli(8192, len(as), 0, 1, 3, f)
	_, mean := sobolIndices(y, 200, rand.New(rand.NewPCG(3, 4)))
	checkIndices(t, mean, first, total)
}

// An output that does not vary has no indices; several outputs give the
// mean of their indices, and rows with a missing output are left out.
func TestSobolOutputs(t *testing.T) {
	lin := func(x []float64) float64 { return x[0] + 2*x[1] }
	y := saltelli(2048, 2, 0, 1, 5, lin)
	// Output 1 is constant; output 2 depends on x2 only; output 0 is lin.
	y2 := saltelli(2048, 2, 0, 1, 5, func(x []float64) float64 { return x[1] })
	for g := range y {
		y[g] = append(y[g], make([]float64, 2048), y2[g][0])
	}
	y[0][0][5] = math.NaN()
	per, mean := sobolIndices(y, 100, rand.New(rand.NewPCG(5, 6)))
	if !math.IsNaN(per[1][0].First) || !math.IsNaN(per[1][1].Total) {
		t.Errorf("a constant output has indices %+v", per[1])
	}
	// lin: V1 = 1/12, V2 = 4/12: S1 0.2, S2 0.8; the x2-only output: 0, 1.
	for _, c := range []struct {
		got  sobolIndex
		want float64
	}{{per[0][0], 0.2}, {per[0][1], 0.8}, {per[2][0], 0}, {per[2][1], 1}, {mean[0], 0.1}, {mean[1], 0.9}} {
		if math.Abs(c.got.First-c.want) > 0.05 || math.Abs(c.got.Total-c.want) > 0.05 || !(c.got.FirstLow <= c.got.FirstHigh) {
			t.Errorf("indices %+v, want first and total near %g", c.got, c.want)
		}
	}
	// The mean is the mean of the outputs that vary.
	if math.Abs(mean[1].First-(per[0][1].First+per[2][1].First)/2) > 1e-12 {
		t.Errorf("mean first-order %v is not the mean of %v and %v", mean[1].First, per[0][1].First, per[2][1].First)
	}
}
