package analysis

import (
	"errors"
	"math"
	"strings"
	"testing"
)

// The same value scores the same in every period on goalposts pooled over
// the periods, where min-max moves with each period's areas.
func TestGoalpostsOverTime(t *testing.T) {
	defs := &Definitions{Defs: []*Definition{{Name: "turnout"}}}
	col := func(v ...float64) [3][][]float64 { return [3][][]float64{{v}, {v}, {v}} }
	vals := [][3][][]float64{col(0, 10, 20), col(10, 20, 40)}
	gp := newGoalposts(vals, defs, nil)
	p0, p1 := gp.score(vals[0][0][0], 0, 0, false), gp.score(vals[1][0][0], 0, 0, false)
	// Bounds 0 to 40: 10 is 25 in both periods (min-max: 50, then 0).
	if p0[1] != 25 || p1[0] != 25 || p1[2] != 100 || p0[0] != 0 {
		t.Errorf("pooled goalposts: %v and %v; want 10 at 25 in both periods, 0 at 0, 40 at 100", p0, p1)
	}
	if low := gp.score(vals[1][0][0], 0, 0, true); low[0] != 75 {
		t.Errorf("lower is more resident-led: 10 scores %v, want 75", low[0])
	}
	// A file's bounds 0 to 20: 40 is beyond them, held at 100 and counted.
	gp = newGoalposts(vals, defs, &GoalpostBounds{File: "g.csv", Bounds: map[string][2]float64{"turnout": {0, 20}}})
	if s := gp.score(vals[1][0][0], 0, 0, false); s[0] != 50 || s[2] != 100 || gp.outside != 1 {
		t.Errorf("file goalposts: %v, %d outside; want 50, 100, 1 outside", s, gp.outside)
	}
}

func TestReadGoalposts(t *testing.T) {
	defs := builtin(t)
	g, err := ReadGoalposts("g.csv", []byte("definition,lower,upper\nturnout,0,200\n"), defs)
	if err != nil || g.Bounds["turnout"] != [2]float64{0, 200} {
		t.Fatalf("goalposts %+v, error %v", g, err)
	}
	if s := g.String(defs); !strings.Contains(s, "from g.csv") || !strings.Contains(s, "over all periods for composition") {
		t.Errorf("described as %q", s)
	}
	for _, bad := range []struct{ data, says string }{
		{"definition,lower,upper\nfootfall,0,1\n", `there is no definition "footfall"`},
		{"definition,lower,upper\nturnout,5,5\n", "must be below the upper"},
		{"definition,lower,upper\nturnout,low,5\n", "must be a number"},
		{"definition,lower,upper\nturnout,0,5\nturnout,0,6\n", "twice (also on line 2)"},
		{"definition,lower\nturnout,0\n", "lacks a column"},
	} {
		_, err := ReadGoalposts("g.csv", []byte(bad.data), defs)
		if !errors.Is(err, ErrGoalposts) || !strings.Contains(err.Error(), bad.says) || !strings.Contains(err.Error(), "g.csv") {
			t.Errorf("%q: error %v, want one saying %q", bad.data, err, bad.says)
		}
	}
}

// With one period the pooled goalposts are that period's lowest and
// highest: goalposts scores are the min-max scores, and the goalposts
// composite is their weighted mean.
func TestGoalpostsComposite(t *testing.T) {
	s := testDB(t)
	tiny(t, s, nil, nil)
	defs := builtin(t)
	w := threeWeights(t, defs)
	res := score(t, s, defs, ScoreOptions{Normalisation: Goalposts, Weights: w, Coverage: 0.5})
	for _, r := range res.Scores {
		if r.Definition != Composite && !near(r.Goalposts, r.MinMax) {
			t.Errorf("%s %s %s: goalposts %v, min-max %v", r.Area, r.Definition, r.ResidentDef, r.Goalposts, r.MinMax)
		}
	}
	for _, area := range []string{"aa", "bb", "dd"} {
		sum, sw := 0.0, 0.0
		for _, d := range []string{"composition", "turnout", "volunteering"} {
			rd := "R1"
			if !defs.ByName(d).ResidentDef {
				rd = "-"
			}
			if g := find(t, res, area, 2019, d, rd).Goalposts; !math.IsNaN(g) {
				sum += w.W[d] * g
				sw += w.W[d]
			}
		}
		c := find(t, res, area, 2019, Composite, "R1")
		if !near(c.Value, sum/sw) || !near(c.Goalposts, sum/sw) {
			t.Errorf("%s: composite %v (goalposts %v), weighted mean of goalposts %v", area, c.Value, c.Goalposts, sum/sw)
		}
	}
}
