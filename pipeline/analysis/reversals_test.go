package analysis

import (
	"math"
	"math/rand/v2"
	"testing"
)

// Areas 0 and 1 lead every definition under every resident definition (0
// above 1); 2 and 3 swap places with the resident definition (R1: 2 above
// 3; R2 and R3: 3 above 2), so 3 is above 2 in about two draws of three.
func TestReversals(t *testing.T) {
	var vals [3][][]float64
	for d := 0; d < 3; d++ {
		vals[0] = append(vals[0], []float64{10, 9, 5, 4})
		vals[1] = append(vals[1], []float64{10, 9, 4, 5})
		vals[2] = append(vals[2], []float64{10, 9, 4, 5})
	}
	src := rand.NewPCG(1, 2020)
	out := monteCarlo(period(vals), ones(3), 0.5, 3000, rand.New(src), src)
	rows := reversalRows(&out, 2020, []string{"a0", "a1", "a2", "a3"})
	if len(rows) != 6 {
		t.Fatalf("%d pairs, want 6", len(rows))
	}
	for _, r := range rows {
		if r.Draws != 3000 || math.Abs(r.AAbove+r.BAbove-1) > 1e-12 {
			t.Errorf("%s-%s: %d draws, shares %v + %v (no ties here: they add to 1)", r.A, r.B, r.Draws, r.AAbove, r.BAbove)
		}
		switch {
		case r.A == "a3" && r.B == "a2":
			if math.Abs(r.AAbove-2.0/3) > 0.03 || r.Robust {
				t.Errorf("a3 above a2 in %v of the draws (robust %v), want about 2/3, not robust", r.AAbove, r.Robust)
			}
		case r.AAbove != 1 || !r.Robust || r.A > r.B:
			t.Errorf("%s above %s in %v of the draws (robust %v), want always", r.A, r.B, r.AAbove, r.Robust)
		}
	}
}
