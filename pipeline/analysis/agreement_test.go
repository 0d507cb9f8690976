package analysis

import (
	"math"
	"math/rand/v2"
	"testing"
)

func close(got, want, tol float64) bool { return math.Abs(got-want) <= tol }

// Hollander & Wolfe (1973, p. 187f), the example of R's cor.test: tuna
// lightness against panel scores, 9 lots, no ties. R prints tau 0.4444444,
// one-sided p = 0.05972 exactly and 0.04765 by the normal approximation
// (two-sided 0.1194 and 0.0953; S-PLUS prints normal-z = 1.6681, p-value
// = 0.0953).
func TestTauHollanderWolfe(t *testing.T) {
	x := []float64{44.4, 45.9, 41.9, 53.3, 44.7, 44.1, 50.7, 45.2, 60.1}
	y := []float64{2.6, 3.1, 2.5, 5.0, 3.6, 4.0, 5.2, 2.8, 3.8}
	k := countPairs(x, y)
	tau, n := tauB(k)
	tt := tauTest(k, tau)
	if !close(tau, 0.4444444, 1e-7) || n != 9 || !tt.Exact || !close(tt.P, 2*0.05972, 1e-4) {
		t.Errorf("tau %v n %d exact %v p %v; want 0.4444444, 9, exact, 0.1194", tau, n, tt.Exact, tt.P)
	}
	z := (k.conc - k.disc) / math.Sqrt(varianceS(n, nil, nil))
	if !close(z, 1.6681, 1e-4) {
		t.Errorf("normal z %v, want 1.6681", z)
	}
}

// The exact distribution against every one of the 7! orders.
func TestTauExactByEnumeration(t *testing.T) {
	const n = 7
	perm := []int{0, 1, 2, 3, 4, 5, 6}
	count := map[int]int{} // S -> orders
	total := 0
	var walk func(i int)
	walk = func(i int) {
		if i == n {
			s := 0
			for a := 0; a < n; a++ {
				for b := a + 1; b < n; b++ {
					if perm[a] < perm[b] {
						s++
					} else {
						s--
					}
				}
			}
			count[s]++
			total++
			return
		}
		for j := i; j < n; j++ {
			perm[i], perm[j] = perm[j], perm[i]
			walk(i + 1)
			perm[i], perm[j] = perm[j], perm[i]
		}
	}
	walk(0)
	for s := -21; s <= 21; s += 2 {
		atLeast := 0
		for v, c := range count {
			if math.Abs(float64(v)) >= math.Abs(float64(s)) {
				atLeast += c
			}
		}
		if got, want := exactTauP(n, float64(s)), float64(atLeast)/float64(total); !close(got, want, 1e-12) {
			t.Errorf("S = %d: p %v, by enumeration %v", s, got, want)
		}
	}
}

// Ties (worked by hand): x 1 2 2 3, y 1 1 2 3. Pairs: (1,2) tied in y, (2,3)
// tied in x, the other four concordant: S = 4. Var S = (4*3*13 - 2*1*9 -
// 2*1*9) / 18 + 0 + (2*1)(2*1) / (2*4*3) = 120/18 + 1/6 = 6.8333; z =
// 4 / 2.6141 = 1.5302; p = 0.12597. With 15 areas and tau 0.4 the interval
// is tanh(atanh(0.4) -+ 1.96 sqrt(0.437 / 11)) = 0.0330 to 0.6720.
func TestTauTiesAndInterval(t *testing.T) {
	k := countPairs([]float64{1, 2, 2, 3}, []float64{1, 1, 2, 3})
	tau, _ := tauB(k)
	tt := tauTest(k, tau)
	if tt.Exact || !close(tt.P, 0.12597, 1e-5) || !math.IsNaN(tt.Low) {
		t.Errorf("with ties: exact %v p %v interval %v-%v; want normal, 0.12597, none (4 areas)", tt.Exact, tt.P, tt.Low, tt.High)
	}
	k = kendallPairs{n: 15}
	tt = tauTest(k, 0.4)
	if !close(tt.Low, 0.03298, 1e-5) || !close(tt.High, 0.67196, 1e-5) {
		t.Errorf("interval %v-%v, want 0.03298-0.67196", tt.Low, tt.High)
	}
}

// Kendall's W (worked by hand). Three definitions rank four areas 1 2 3 4,
// 2 1 3 4 and 1 2 4 3: rank sums 4 5 10 11, mean 7.5, S = 37, W = 12 * 37 /
// (9 * 60) = 0.82222; chi-squared 3 * 3 * W = 7.4 on 3 df, p = 0.06018.
// With the third's last two tied (3.5, 3.5): sums 4 5 9.5 11.5, S = 38.5,
// T = 2^3 - 2 = 6, W = 12 * 38.5 / (540 - 3 * 6) = 0.88506.
func TestKendallW(t *testing.T) {
	nan := math.NaN()
	w, m, n, chi2, p := kendallW([][]float64{{1, 2, 3, 4, nan}, {2, 1, 3, 4, 9}, {1, 2, 4, 3, 5}, {nan, nan, nan, nan, nan}})
	if !close(w, 37.0*12/540, 1e-12) || m != 3 || n != 4 || !close(chi2, 7.4, 1e-9) || !close(p, 0.060184, 1e-6) {
		t.Errorf("W %v m %d n %d chi2 %v p %v; want 0.82222, 3, 4, 7.4, 0.060184", w, m, n, chi2, p)
	}
	w, _, _, _, _ = kendallW([][]float64{{1, 2, 3, 4}, {2, 1, 3, 4}, {1, 2, 7, 7}})
	if !close(w, 462.0/522, 1e-12) {
		t.Errorf("W with ties %v, want 0.88506", w)
	}
	// Identical rankings agree fully; independent ones are near W's
	// expectation with no agreement, 1/m.
	rng := rand.New(rand.NewPCG(1, 1))
	var same, random [][]float64
	for d := 0; d < 5; d++ {
		same = append(same, []float64{3, 1, 4, 1.5, 9, 2.6})
		c := make([]float64, 200)
		for i := range c {
			c[i] = rng.Float64()
		}
		random = append(random, c)
	}
	if w, _, _, _, _ := kendallW(same); !close(w, 1, 1e-12) {
		t.Errorf("identical rankings: W %v, want 1", w)
	}
	if w, _, _, _, p := kendallW(random); !close(w, 0.2, 0.03) || p < 0.001 {
		t.Errorf("independent rankings: W %v p %v, want near 1/5 and not significant", w, p)
	}
}
