package analysis

import (
	"math"
	"testing"
)

const na = NoValue

// Krippendorff, K. (2011). Computing Krippendorff's Alpha-Reliability.
// Annenberg School for Communication, University of Pennsylvania,
// https://repository.upenn.edu/asc_papers/43. Section C: nominal data, four
// observers, twelve units, missing values; alpha = 0.743. (Unit 12 has one
// value and is not pairable: eleven units count.)
var krippendorffC = [][]int{
	{1, 2, 3, 3, 2, 1, 4, 1, 2, na, na, na},
	{1, 2, 3, 3, 2, 2, 4, 1, 2, 5, na, 3},
	{na, 3, 3, 3, 2, 3, 4, 2, 2, 5, 1, na},
	{1, 2, 3, 3, 2, 4, 4, 1, 2, 5, 1, na},
}

// The same paper, section A: binary data, two observers, no missing values;
// alpha = 0.095.
var krippendorffA = [][]int{
	{0, 1, 0, 0, 0, 0, 0, 0, 1, 0},
	{1, 1, 1, 0, 0, 1, 0, 0, 0, 0},
}

func TestNominalAlphaPublished(t *testing.T) {
	for _, tc := range []struct {
		name  string
		data  [][]int
		alpha float64
		units int
	}{
		{"four observers, missing values", krippendorffC, 0.743, 11},
		{"two observers, binary", krippendorffA, 0.095, 10},
	} {
		a, n := NominalAlpha(tc.data)
		if math.Abs(a-tc.alpha) > 0.0005 || n != tc.units {
			t.Errorf("%s: alpha %.4f on %d units, want %.3f on %d", tc.name, a, n, tc.alpha, tc.units)
		}
	}
}

func TestNominalAlphaLimits(t *testing.T) {
	same := [][]int{{1, 0, 1, na}, {1, 0, 1, 0}}
	if a, _ := NominalAlpha(same); math.Abs(a-1) > 1e-12 {
		t.Errorf("perfect agreement: alpha %g, want 1", a)
	}
	flat := [][]int{{1, 1, 1}, {1, 1, 1}}
	if a, n := NominalAlpha(flat); !math.IsNaN(a) || n != 3 {
		t.Errorf("no variation: alpha %g on %d units, want NaN (undefined) on 3", a, n)
	}
	if a, n := NominalAlpha([][]int{{1, na}, {na, 0}}); !math.IsNaN(a) || n != 0 {
		t.Errorf("nothing pairable: alpha %g on %d units, want NaN on 0", a, n)
	}
}

// rows expands a contingency table (rows: coder A's value, columns: coder
// B's) into two coders' values unit by unit.
func rows(table [][]int) (a, b []int) {
	for i, r := range table {
		for j, n := range r {
			for ; n > 0; n-- {
				a, b = append(a, i), append(b, j)
			}
		}
	}
	return a, b
}

func TestCohenKappaPublished(t *testing.T) {
	for _, tc := range []struct {
		name         string
		table        [][]int
		agree, kappa float64
	}{
		// Cohen, J. (1960). A coefficient of agreement for nominal scales.
		// Educational and Psychological Measurement 20(1), 37-46, Table 1:
		// 200 units, three categories; p_o = .70, p_c = .41, kappa = .492.
		{"Cohen 1960, Table 1", [][]int{{88, 14, 18}, {10, 40, 10}, {2, 6, 12}}, 0.70, 0.29 / 0.59},
		// A two-by-two textbook exercise (20 patients, two doctors):
		// Pr(a) = 0.7, Pr(e) = 0.62, kappa = 0.08 / 0.38 = 0.21
		// (easycalculation.com, "Cohen's kappa index").
		{"20 patients, yes/no", [][]int{{12, 2}, {4, 2}}, 0.70, 0.08 / 0.38},
	} {
		a, b := rows(tc.table)
		k := CohenKappa(a, b)
		p := PairAgreement([][]int{a, b})
		if math.Abs(k-tc.kappa) > 1e-12 || math.Abs(p-tc.agree) > 1e-12 {
			t.Errorf("%s: kappa %.6f, agreement %.4f; want %.6f, %.2f", tc.name, k, p, tc.kappa, tc.agree)
		}
		// Alpha and kappa differ only in how chance is estimated (pooled
		// against each coder's own): close, never equal here.
		alpha, _ := NominalAlpha([][]int{a, b})
		if math.Abs(alpha-k) > 0.05 || alpha == k {
			t.Errorf("%s: alpha %.4f should be near kappa %.4f but not equal", tc.name, alpha, k)
		}
	}
}

func TestCohenKappaLimits(t *testing.T) {
	if k := CohenKappa([]int{1, 1, na}, []int{1, 1, 0}); !math.IsNaN(k) {
		t.Errorf("one value throughout: kappa %g, want NaN (undefined)", k)
	}
	if k := CohenKappa([]int{0, 1, 0, 1}, []int{1, 0, 1, 0}); math.Abs(k+1) > 1e-12 {
		t.Errorf("always opposite: kappa %g, want -1", k)
	}
	if p := PairAgreement([][]int{{1, na}, {na, 1}}); !math.IsNaN(p) {
		t.Errorf("no unit coded by both: agreement %g, want NaN", p)
	}
}

func TestPairAgreementSeveralCoders(t *testing.T) {
	// One unit, three coders: 1, 1, 2 gives 3 pairs of which 1 agrees;
	// a second unit, two coders agreeing: 1 pair, 1 agrees. 2 of 4.
	if p := PairAgreement([][]int{{1, 0}, {1, 0}, {2, na}}); math.Abs(p-0.5) > 1e-12 {
		t.Errorf("agreement %g, want 0.5", p)
	}
}
