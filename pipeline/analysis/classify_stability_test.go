package analysis

import (
	"math"
	"math/rand/v2"
	"reflect"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/qca"
)

// at is the value an indicator anchored at 0, 5, 10 needs for membership m.
func at(m float64) float64 { return 5 + 5*math.Log(m/(1-m))/math.Log(19) }

// stabilityRubric has one indicator for model 1 (a), two for model 2 (b,
// c) and one for model 3 (d), all anchored at 0, 5 and 10.
func stabilityRubric() *Rubric {
	r := &Rubric{}
	for _, in := range []struct {
		model int
		name  string
	}{{1, "a"}, {2, "b"}, {2, "c"}, {3, "d"}} {
		r.Indicators = append(r.Indicators, &Indicator{Model: in.model, Name: in.name, Non: 0, Cross: 5, Full: 10})
	}
	return r
}

func TestLabelStabilityByHand(t *testing.T) {
	cases := []stabilityCase{
		// d alone makes this model 3 (0.95 against 0.3 and 0.2): leaving d
		// out leaves model 1 on top at 0.3, below 0.5. The other variations
		// never come near changing it, so exactly the draws that leave d out
		// (one in five: none, a, b, c, d in turn) change it.
		{"decided", 2019, "model 3", []float64{at(0.3), at(0.2), at(0.2), at(0.95)}},
		// Model 2 on two indicators, far from the others: nothing moves it.
		{"robust", 2019, "model 2", []float64{at(0.1), at(0.95), at(0.95), at(0.1)}},
		// Model 1 at 0.9 and model 2 at 0.79: a hybrid once the margin
		// passes 0.11, which a margin drawn from 0.05 to 0.15 does about
		// two times in five.
		{"borderline", 2019, "model 1", []float64{at(0.9), at(0.79), at(0.79), at(0.1)}},
		// Model 3 at 0.92 on d, model 2 at 0.85 on b (0.95) and c (0.75):
		// hybrid 2+3; without b model 2 falls to 0.75, out of the margin
		// (model 3); without c it rises to 0.95 (still the hybrid); without
		// d model 3 has no indicator (model 2).
		{"split", 2019, "hybrid 2+3", []float64{at(0.1), at(0.95), at(0.75), at(0.92)}},
		// A missing value takes no part, and leaving it out changes nothing.
		{"missing", 2019, "model 2", []float64{math.NaN(), at(0.95), at(0.95), at(0.1)}},
	}
	r := stabilityRubric()
	for _, c := range cases {
		if l := labelWith(r.Indicators, ownAnchors(r), c.values, -1, 0.1, qca.LogOddsQCA); l != c.label {
			t.Fatalf("%s: the rubric's own label is %s, want %s", c.area, l, c.label)
		}
	}
	got := labelStability(r, cases, 0.1, qca.LogOddsQCA, 1000, 7)
	decided, robust, border, split, missing := got[0], got[1], got[2], got[3], got[4]
	if want := []string{"becomes model 3 when b is left out", "becomes model 2 when d is left out"}; !reflect.DeepEqual(split.LeftOut, want) {
		t.Errorf("split: left out %q, want %q", split.LeftOut, want)
	}
	if decided.Share != 0.8 || decided.Other != Unclassified || decided.OtherShare != 0.2 ||
		!reflect.DeepEqual(decided.LeftOut, []string{"becomes unclassified when d is left out"}) {
		t.Errorf("decided: %+v", decided)
	}
	if want := "model 3 in 80% of variations; else mostly unclassified (20%); becomes unclassified when d is left out"; decided.Summary != want {
		t.Errorf("decided: summary %q, want %q", decided.Summary, want)
	}
	if robust.Share != 1 || robust.Other != "" || len(robust.LeftOut) != 0 ||
		robust.Summary != "model 2 in 100% of variations; leaving out any one indicator keeps it" {
		t.Errorf("robust: %+v", robust)
	}
	if border.Share < 0.4 || border.Share > 0.8 || border.Other != "hybrid 1+2" ||
		!reflect.DeepEqual(border.LeftOut, []string{"becomes model 2 when a is left out"}) {
		t.Errorf("borderline: %+v", border)
	}
	if missing.Share != 1 || len(missing.LeftOut) != 0 {
		t.Errorf("missing: %+v", missing)
	}
	// Seeded: the same seed gives the same shares, another seed others.
	if again := labelStability(r, cases, 0.1, qca.LogOddsQCA, 1000, 7); !reflect.DeepEqual(again, got) {
		t.Error("the same seed gave other results")
	}
	if other := labelStability(r, cases, 0.1, qca.LogOddsQCA, 1000, 8); other[2].Share == border.Share {
		t.Errorf("another seed gave the same borderline share %g", border.Share)
	}
	// No draws: only the left-out indicators are told.
	none := labelStability(r, cases, 0.1, qca.LogOddsQCA, 0, 7)[0]
	if none.Draws != 0 || none.Summary != "becomes unclassified when d is left out" {
		t.Errorf("no draws: %+v", none)
	}
}

func TestSharePercent(t *testing.T) {
	for x, want := range map[float64]string{0: "0%", 0.001: "under 1%", 0.2: "20%", 0.914: "91%", 0.999: "over 99%", 1: "100%"} {
		if got := SharePercent(x); got != want {
			t.Errorf("SharePercent(%g) = %q, want %q", x, got, want)
		}
	}
}

func TestOrList(t *testing.T) {
	for want, xs := range map[string][]string{"": nil, "a": {"a"}, "a or b": {"a", "b"}, "a, b or c": {"a", "b", "c"}} {
		if got := orList(xs); got != want {
			t.Errorf("orList(%q) = %q, want %q", xs, got, want)
		}
	}
}

func ownAnchors(r *Rubric) [][3]float64 {
	var out [][3]float64
	for _, in := range r.Indicators {
		out = append(out, [3]float64{in.Non, in.Cross, in.Full})
	}
	return out
}

func TestShiftAnchorsKeepOrder(t *testing.T) {
	r := stabilityRubric()
	down := &Indicator{Model: 1, Name: "down", Non: 10, Cross: 5, Full: 0}
	cases := []stabilityCase{{values: []float64{0, 0, 0, 0}}, {values: []float64{100, 100, 100, 100}}}
	ranges := indicatorRanges(r.Indicators, cases)
	if ranges[0] != 100 {
		t.Fatalf("range %g, want 100", ranges[0])
	}
	// A range this wide moves anchors by up to 10, often out of order: then
	// the rubric's own anchors stand.
	rng := rand.New(rand.NewPCG(1, 2))
	moved := 0
	for i := 0; i < 200; i++ {
		for _, in := range []*Indicator{r.Indicators[0], down} {
			a := shiftAnchors(in, 100, rng)
			asc := a[0] < a[1] && a[1] < a[2]
			desc := a[0] > a[1] && a[1] > a[2]
			if (in.Non < in.Full && !asc) || (in.Non > in.Full && !desc) {
				t.Fatalf("%s: anchors %v out of order", in.Name, a)
			}
			for j, v := range [3]float64{in.Non, in.Cross, in.Full} {
				if math.Abs(a[j]-v) > 10 {
					t.Fatalf("%s: anchor moved from %g to %g, more than 10%% of the range", in.Name, v, a[j])
				}
			}
			if a != [3]float64{in.Non, in.Cross, in.Full} {
				moved++
			}
		}
	}
	if moved == 0 {
		t.Error("no anchor ever moved")
	}
}

func TestNotHybrid(t *testing.T) {
	m := [4]float64{0, 0.55, 0.47, 0.1}
	if l, _, _ := label(m, 0.1); l != "model 1" {
		t.Errorf("label %s, want model 1: model 2 is within the margin but below 0.5", l)
	}
	if got := notHybrid(m, 0.1); !strings.Contains(got, "model 2 (0.47) is within 0.1 of model 1 but below 0.5") {
		t.Errorf("notHybrid: %q", got)
	}
	if got := notHybrid([4]float64{0, 0.75, 0.68, 0.1}, 0.1); got != "" {
		t.Errorf("a real hybrid: %q, want nothing", got)
	}
	if got := notHybrid([4]float64{0, 0.45, 0.4, 0.1}, 0.1); got != "" {
		t.Errorf("unclassified: %q, want nothing", got)
	}
}

func TestClassifyStoresStability(t *testing.T) {
	s := testDB(t)
	tiny(t, s, nil, nil)
	tinyLeadership(t, s)
	opt := testClassifyOptions(t, "")
	opt.Draws, opt.Seed = 200, 3
	res := classify(t, s, opt)
	if len(res.Stability) != len(res.Classifications) {
		t.Fatalf("%d stability rows for %d labels", len(res.Stability), len(res.Classifications))
	}
	for i, c := range res.Classifications {
		st := res.Stability[i]
		if st.Area != c.Area || st.Period != c.Period || st.Label != c.Computed || st.Draws != 200 || st.Share < 0 || st.Share > 1 {
			t.Errorf("%s %d: %+v for label %s", c.Area, c.Period, st, c.Computed)
		}
	}
	// bb is hybrid 2+3 at 0.7274 and 0.8134: moved anchors and margins
	// split it, and it is stored as it was computed.
	var share float64
	var summary string
	if err := s.DB.QueryRow("SELECT share, summary FROM label_stability WHERE area_id = 'bb'").Scan(&share, &summary); err != nil {
		t.Fatal(err)
	}
	if share <= 0 || share >= 1 || !strings.HasPrefix(summary, "hybrid 2+3 in ") {
		t.Errorf("bb: share %g, summary %q", share, summary)
	}
	if n := count(t, s, "label_stability"); n != len(res.Classifications) {
		t.Errorf("%d rows stored, want %d", n, len(res.Classifications))
	}
}
