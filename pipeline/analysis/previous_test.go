package analysis

import (
	"context"
	"strings"
	"testing"
)

// TestPreviousOptions: the settings an evaluator chose, and the overrides
// applied, read back from the database give the same options again.
func TestPreviousOptions(t *testing.T) {
	s := testDB(t)
	defs := builtin(t)
	ctx := context.Background()

	// No results yet: the commands' defaults.
	sopt, copt, err := PreviousOptions(ctx, s.DB, defs)
	if err != nil {
		t.Fatal(err)
	}
	if sopt.Seed != 1 || sopt.Draws != 1000 || sopt.ResidentDef != "R1" || sopt.Coverage != 0.5 || copt.Margin != 0.1 || copt.Overrides != nil ||
		sopt.Weights == nil || sopt.Weights.W["turnout"] != 1 {
		t.Fatalf("defaults: %+v %+v", sopt, copt)
	}

	tiny(t, s, nil, nil)
	tinyLeadership(t, s)
	w, err := ReadWeights("my-weights.csv", []byte("definition,weight\ncomposition,3\nturnout,1\n"), defs)
	if err != nil {
		t.Fatal(err)
	}
	chosen := ScoreOptions{Normalisation: ZScore, Aggregation: Geometric, Weights: w, Coverage: 0.3, Seed: 7, Draws: 20, ResidentDef: "R2"}
	score(t, s, defs, chosen)
	c := testClassifyOptions(t, "area,period,label,rationale,evaluator\nBee,2019-20,model 3,The grants panel runs it,Jane Evaluator\n")
	c.Margin = 0.2
	classify(t, s, c)
	var by string
	if err := s.DB.QueryRow("SELECT override_by FROM classifications WHERE area_id = 'bb'").Scan(&by); err != nil {
		t.Fatal(err)
	}

	sopt, copt, err = PreviousOptions(ctx, s.DB, defs)
	if err != nil {
		t.Fatal(err)
	}
	if sopt.Normalisation != ZScore || sopt.Aggregation != Geometric || sopt.Coverage != 0.3 || sopt.Seed != 7 || sopt.Draws != 20 || sopt.ResidentDef != "R2" {
		t.Errorf("score options read back: %+v", sopt)
	}
	if sopt.Weights.W["composition"] != 3 || sopt.Weights.W["turnout"] != 1 || sopt.Weights.W["consultation"] != 0 || !strings.Contains(sopt.Weights.File, "my-weights.csv") {
		t.Errorf("weights read back: %+v", sopt.Weights)
	}
	if copt.Margin != 0.2 || copt.Overrides == nil || len(copt.Overrides.List) != 1 {
		t.Fatalf("classify options read back: margin %v overrides %+v", copt.Margin, copt.Overrides)
	}
	if o := copt.Overrides.List[0]; o.Area != "bb" || o.Period != 2019 || o.Label != "model 3" || o.By != by || o.Rationale != "The grants panel runs it" {
		t.Errorf("override read back: %+v (by %s)", o, by)
	}
	// Classified again with them, the override still holds.
	classify(t, s, copt)
	var label, by2 string
	if err := s.DB.QueryRow("SELECT label, override_by FROM classifications WHERE area_id = 'bb'").Scan(&label, &by2); err != nil || label != "model 3" || by2 != by {
		t.Errorf("after reclassifying: %q %q (%v)", label, by2, err)
	}
}
