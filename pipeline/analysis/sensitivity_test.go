package analysis

import (
	"math"
	"math/rand/v2"
	"reflect"
	"testing"

	"github.com/ourbiggerstory/obs/schemas"
)

// period builds what the Monte Carlo holds for a period from raw values
// vals[r][d][a] (higher more resident-led), as Score builds it.
func period(vals [3][][]float64) *mcPeriod {
	in := &mcPeriod{areas: len(vals[0][0])}
	for r := range vals {
		for _, col := range vals[r] {
			n := normalise(col, false)
			for m, method := range Normalisations {
				s := n.score(method)
				in.arith[r][m] = append(in.arith[r][m], s)
				in.geo[r][m] = append(in.geo[r][m], logPositive(s))
			}
		}
	}
	return in
}

func ones(n int) []float64 {
	w := make([]float64, n)
	for i := range w {
		w[i] = 1
	}
	return w
}

// Every definition gives the same values, so weights, normalisation and
// aggregation cannot change the order; the resident definition turns it
// round (R2) or shuffles it (R3): it alone moves the ranking.
func TestSensitivityOnlyResidentDef(t *testing.T) {
	base := []float64{1, 2, 3, 5, 8, 13, 21}
	r2, r3 := make([]float64, len(base)), []float64{8, 1, 21, 2, 13, 3, 5}
	for i, v := range base {
		r2[i] = -v
	}
	var vals [3][][]float64
	for d := 0; d < 3; d++ {
		vals[0] = append(vals[0], base)
		vals[1] = append(vals[1], r2)
		vals[2] = append(vals[2], r3)
	}
	_, mean, varying := sensitivity(period(vals), ones(3), 0.5, 500, 1, 2020)
	if varying != len(base) {
		t.Fatalf("%d areas' ranks move, want all %d", varying, len(base))
	}
	top, topTotal := "", -1.0
	for i, f := range SensitivityFactors {
		if mean[i].Total > topTotal {
			top, topTotal = f, mean[i].Total
		}
	}
	rd := mean[indexOfString(SensitivityFactors, FactorResidentDef)]
	if top != FactorResidentDef || rd.Total < 0.99 || rd.First < 0.9 {
		t.Errorf("largest total index: %s (%.3f); resident_def first %.3f total %.3f; want resident_def, about 1", top, topTotal, rd.First, rd.Total)
	}
	for i, f := range SensitivityFactors {
		if f != FactorResidentDef && math.Abs(mean[i].Total) > 1e-9 {
			t.Errorf("%s total index %g: it changes nothing here", f, mean[i].Total)
		}
	}
}

// randomPeriod has areas with values that differ by definition and
// resident definition, so every choice matters a little.
func randomPeriod(areas, defs int, seed uint64) *mcPeriod {
	rng := rand.New(rand.NewPCG(seed, 0))
	var vals [3][][]float64
	for d := 0; d < defs; d++ {
		col := make([]float64, areas)
		for a := range col {
			col[a] = rng.ExpFloat64()
		}
		for r := range vals {
			c := make([]float64, areas)
			for a := range c {
				c[a] = col[a] * (1 + 0.3*float64(r)*rng.Float64())
			}
			vals[r] = append(vals[r], c)
		}
	}
	return period(vals)
}

func TestSensitivityReproducible(t *testing.T) {
	in := randomPeriod(12, 5, 9)
	w := ones(5)
	per1, mean1, _ := sensitivity(in, w, 0.5, 300, 4, 2021)
	per2, mean2, _ := sensitivity(in, w, 0.5, 300, 4, 2021)
	if !reflect.DeepEqual(per1, per2) || !reflect.DeepEqual(mean1, mean2) {
		t.Error("the same seed gave different indices")
	}
	_, mean3, _ := sensitivity(in, w, 0.5, 300, 5, 2021)
	if reflect.DeepEqual(mean1, mean3) {
		t.Error("another seed gave the same indices")
	}
	// First-order is below total-order within the intervals, for every
	// area and the mean; every interval holds its estimate.
	for a, p := range append(per1, mean1) {
		for i, x := range p {
			if x.FirstLow > x.TotalHigh {
				t.Errorf("area %d %s: first-order [%.3f, %.3f] above total-order [%.3f, %.3f]", a, SensitivityFactors[i], x.FirstLow, x.FirstHigh, x.TotalLow, x.TotalHigh)
			}
			if !(x.FirstLow <= x.First && x.First <= x.FirstHigh && x.TotalLow <= x.Total && x.Total <= x.TotalHigh) {
				t.Errorf("area %d %s: %+v: an estimate outside its interval", a, SensitivityFactors[i], x)
			}
		}
	}
}

// The design's choices are the vocabulary's, in its order.
func TestSensitivityFactorsAreTheVocabulary(t *testing.T) {
	if len(SensitivityFactors) != len(schemas.Factors) {
		t.Fatalf("%d factors, %d in schemas.Factors", len(SensitivityFactors), len(schemas.Factors))
	}
	for i, f := range schemas.Factors {
		if SensitivityFactors[i] != f.ID {
			t.Errorf("factor %d is %s, schemas.Factors says %s", i, SensitivityFactors[i], f.ID)
		}
	}
}
