package analysis

import (
	"math"
	"reflect"
	"testing"
)

// threeWeights weights composition 2, turnout 1, volunteering 1, the rest 0.
func threeWeights(t testing.TB, defs *Definitions) *Weights {
	t.Helper()
	w, err := ReadWeights("w.csv", []byte("definition,weight\ncomposition,2\nturnout,1\nvolunteering,1\n"), defs)
	if err != nil {
		t.Fatal(err)
	}
	return w
}

func TestCompositeByHand(t *testing.T) {
	// Min-max under R1 (tiny):   composition  turnout   volunteering
	//                     aa        0          100         0
	//                     bb      100            0       100
	//                     dd        0           66.667     -
	// Weights 2, 1, 1 (total 4).
	// arithmetic: aa (0 + 100 + 0) / 4 = 25; bb (200 + 0 + 100) / 4 = 75;
	//             dd (0 + 66.667) / 3 = 22.222, coverage 3/4.
	// geometric, on 1 + 0.99 min-max (1, 100, 67):
	//             aa 100^(1/4) = 3.16228; bb 100^(3/4) = 31.6228; dd 67^(1/3) = 4.0615.
	// Ranks: arithmetic bb, aa, dd; geometric bb, dd, aa.
	tests := []struct {
		agg        string
		aa, bb, dd float64
		rankAA     float64
	}{
		{Arithmetic, 25, 75, 200.0 / 9, 2},
		{Geometric, math.Pow(100, 0.25), math.Pow(100, 0.75), math.Cbrt(67), 3},
	}
	for _, tt := range tests {
		t.Run(tt.agg, func(t *testing.T) {
			s := testDB(t)
			tiny(t, s, nil, nil)
			defs := builtin(t)
			res := score(t, s, defs, ScoreOptions{Aggregation: tt.agg, Weights: threeWeights(t, defs), Coverage: 0.5})
			for _, c := range []struct {
				area      string
				want, cov float64
				rank      float64
			}{{"aa", tt.aa, 1, tt.rankAA}, {"bb", tt.bb, 1, 1}, {"dd", tt.dd, 0.75, 5 - tt.rankAA}} {
				r := find(t, res, c.area, 2019, Composite, "R1")
				if !near(r.Value, c.want) || !near(r.Coverage, c.cov) || !near(r.Rank, c.rank) {
					t.Errorf("%s: composite %v coverage %v rank %v; want %v, %v, %v", c.area, r.Value, r.Coverage, r.Rank, c.want, c.cov, c.rank)
				}
			}
			cc := find(t, res, "cc", 2019, Composite, "R1")
			if !math.IsNaN(cc.Value) || cc.Reason == "" {
				t.Errorf("cc has no definition with weight: composite %v, reason %q", cc.Value, cc.Reason)
			}
		})
	}
	// With the coverage threshold at 0.8, dd (0.75) has no composite.
	s := testDB(t)
	tiny(t, s, nil, nil)
	defs := builtin(t)
	res := score(t, s, defs, ScoreOptions{Weights: threeWeights(t, defs), Coverage: 0.8})
	if r := find(t, res, "dd", 2019, Composite, "R1"); !math.IsNaN(r.Value) || r.Reason != "its definitions carry 75% of the weight, below the 80% threshold" {
		t.Errorf("dd at threshold 0.8: %v %q", r.Value, r.Reason)
	}
}

func TestKendallTauB(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		name string
		x, y []float64
		tau  float64
		n    int
	}{
		// 7 concordant, 3 discordant pairs of 10: (7 - 3) / 10.
		{"no ties", []float64{1, 2, 3, 4, 5}, []float64{3, 1, 2, 5, 4}, 0.4, 5},
		// 4 concordant, 0 discordant, one pair tied in x, one in y: 4 / sqrt(5 * 5).
		{"ties", []float64{1, 2, 2, 3}, []float64{1, 3, 2, 3}, 0.8, 4},
		{"reversed", []float64{1, 2, 3}, []float64{3, 2, 1}, -1, 3},
		{"missing skipped", []float64{1, nan, 2, 3}, []float64{1, 5, 2, 3}, 1, 3},
		{"one area", []float64{1, nan}, []float64{1, 2}, nan, 1},
	}
	for _, tt := range tests {
		tau, n := kendallTauB(tt.x, tt.y)
		if !near(tau, tt.tau) || n != tt.n {
			t.Errorf("%s: tau %v n %d; want %v %d", tt.name, tau, n, tt.tau, tt.n)
		}
	}
	// End to end, composition against turnout under R1 (tiny): aa (50, 50),
	// bb (100, 20), dd (50, 40): aa-bb discordant, aa-dd tied on composition,
	// bb-dd discordant: -2 / sqrt((3 - 1) * 3) = -0.8165.
	s := testDB(t)
	tiny(t, s, nil, nil)
	res := score(t, s, builtin(t), ScoreOptions{})
	for _, a := range res.Agreement {
		if a.Period == 2019 && a.ResidentDef == "R1" && a.A == "composition" && a.B == "turnout" {
			if !near(a.Tau, -2/math.Sqrt(6)) || a.N != 3 {
				t.Errorf("composition vs turnout: tau %v n %d; want %v 3", a.Tau, a.N, -2/math.Sqrt(6))
			}
			return
		}
	}
	t.Error("no agreement row for composition and turnout")
}

func TestMonteCarlo(t *testing.T) {
	run := func(seed uint64) *ScoreResult {
		s := testDB(t)
		tiny(t, s, nil, nil)
		defs := builtin(t)
		return score(t, s, defs, ScoreOptions{Weights: threeWeights(t, defs), Seed: seed, Draws: 500})
	}
	a, b := run(42), run(42)
	if !reflect.DeepEqual(a.Uncertainty, b.Uncertainty) {
		t.Errorf("the same seed gave different results:\n%v\n%v", a.Uncertainty, b.Uncertainty)
	}
	if len(a.Uncertainty) != 3 {
		t.Fatalf("%d uncertainty rows, want 3 (aa, bb, dd; cc has no composite)", len(a.Uncertainty))
	}
	for _, u := range a.Uncertainty {
		if math.IsNaN(u.Rank) {
			continue
		}
		if u.Rank < u.P05 || u.Rank > u.P95 || u.Median < u.P05 || u.Median > u.P95 {
			t.Errorf("%s: rank %v median %v outside its interval %v-%v", u.Area, u.Rank, u.Median, u.P05, u.P95)
		}
		if u.Draws == 0 || u.Draws > 500 || u.N != 3 {
			t.Errorf("%s: draws %d n %d", u.Area, u.Draws, u.N)
		}
		if u.Ranked != (u.P95-u.P05 < 1.5) {
			t.Errorf("%s: interval %v-%v of 3 areas but ranked = %v", u.Area, u.P05, u.P95, u.Ranked)
		}
	}
}

// Renaming the areas (which reverses their order) and shuffling the rows
// changes no figure.
func TestPermutingAreasChangesNothing(t *testing.T) {
	defs := builtin(t)
	s1, s2 := testDB(t), testDB(t)
	tiny(t, s1, nil, nil)
	rename := map[string]string{"aa": "zz", "bb": "yy", "cc": "xx", "dd": "ww"}
	tiny(t, s2, rename, nil)
	opt := ScoreOptions{Weights: threeWeights(t, defs), Seed: 9, Draws: 300}
	r1, r2 := score(t, s1, defs, opt), score(t, s2, defs, opt)
	by := map[[4]any]ScoreRow{}
	for _, r := range r2.Scores {
		by[[4]any{r.Area, r.Period, r.Definition, r.ResidentDef}] = r
	}
	for _, r := range r1.Scores {
		o, ok := by[[4]any{rename[r.Area], r.Period, r.Definition, r.ResidentDef}]
		if !ok {
			t.Fatalf("no row for %s (%s) %s %s", rename[r.Area], r.Area, r.Definition, r.ResidentDef)
		}
		o.Area = r.Area
		if !sameRow(r, o) {
			t.Errorf("%s %s %s:\n%+v\n%+v", r.Area, r.Definition, r.ResidentDef, r, o)
		}
	}
	u2 := map[string]UncertaintyRow{}
	for _, u := range r2.Uncertainty {
		u2[u.Area] = u
	}
	for _, u := range r1.Uncertainty {
		o := u2[rename[u.Area]]
		o.Area = u.Area
		if !reflect.DeepEqual(u, o) {
			t.Errorf("uncertainty %s: %+v vs %+v", u.Area, u, o)
		}
	}
}

func sameRow(a, b ScoreRow) bool {
	fa, fb := []float64{a.Value, a.Base, a.MinMax, a.Z, a.Rank, a.Percentile, a.Coverage, a.Goalposts}, []float64{b.Value, b.Base, b.MinMax, b.Z, b.Rank, b.Percentile, b.Coverage, b.Goalposts}
	for i := range fa {
		if !near(fa[i], fb[i]) {
			return false
		}
	}
	a.Value, a.Base, a.MinMax, a.Z, a.Rank, a.Percentile, a.Coverage, a.Goalposts = 0, 0, 0, 0, 0, 0, 0, 0
	b.Value, b.Base, b.MinMax, b.Z, b.Rank, b.Percentile, b.Coverage, b.Goalposts = 0, 0, 0, 0, 0, 0, 0, 0
	return a == b
}

// Scaling an area's population by k divides its per-1,000 figures by k and
// leaves the others alone.
func TestScalingPopulation(t *testing.T) {
	defs := builtin(t)
	s1, s2 := testDB(t), testDB(t)
	tiny(t, s1, nil, nil)
	tiny(t, s2, nil, map[string]any{"aa": 3000})
	r1, r2 := score(t, s1, defs, ScoreOptions{}), score(t, s2, defs, ScoreOptions{})
	for i, a := range r1.Scores {
		b := r2.Scores[i]
		if a.Area != "aa" || a.Definition == Composite {
			continue
		}
		want := a.Value
		if a.BaseLabel == "population" {
			want = a.Value / 3
		}
		if !near(b.Value, want) {
			t.Errorf("aa %s %s: %v with population 3000, want %v (was %v with 1000)", a.Definition, a.ResidentDef, b.Value, want, a.Value)
		}
	}
	if r := find(t, r2, "aa", 2019, "turnout", "-"); !near(r.Value, 50.0/3) {
		t.Errorf("turnout %v, want 16.667", r.Value)
	}
}
