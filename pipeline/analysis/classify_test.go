package analysis

import (
	"context"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/position"
	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/qca"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

func TestCalibrateAnchors(t *testing.T) {
	// Halfway from the crossover to the full anchor is log-odds ln(19)/2:
	// membership 1 / (1 + 19^-0.5) = sqrt(19) / (sqrt(19) + 1) = 0.81339.
	half := math.Sqrt(19) / (math.Sqrt(19) + 1)
	tests := []struct {
		name                string
		x, non, cross, full float64
		want                float64
	}{
		{"full non-membership", 10, 10, 20, 40, 0.05},
		{"crossover", 20, 10, 20, 40, 0.5},
		{"full membership", 40, 10, 20, 40, 0.95},
		{"halfway up", 30, 10, 20, 40, half},
		{"halfway down", 15, 10, 20, 40, 1 - half},
		{"descending: full non-membership", 0.8, 0.8, 0.5, 0.1, 0.05},
		{"descending: crossover", 0.5, 0.8, 0.5, 0.1, 0.5},
		{"descending: full membership", 0.1, 0.8, 0.5, 0.1, 0.95},
		{"descending: halfway", 0.3, 0.8, 0.5, 0.1, half},
		{"beyond full", 1000, 10, 20, 40, 1},
		{"missing", math.NaN(), 10, 20, 40, math.NaN()},
	}
	for _, tt := range tests {
		got := qca.Calibrate(tt.x, tt.non, tt.cross, tt.full, qca.LogOddsQCA)
		if !(math.Abs(got-tt.want) <= 1e-9 || (math.IsNaN(got) && math.IsNaN(tt.want))) {
			t.Errorf("%s: Calibrate(%v; %v, %v, %v) = %.12f, want %.12f", tt.name, tt.x, tt.non, tt.cross, tt.full, got, tt.want)
		}
	}
}

func TestLabel(t *testing.T) {
	nan := math.NaN()
	tests := []struct {
		m      [4]float64
		label  string
		top    int
		margin float64
	}{
		{[4]float64{0, 0.9, 0.3, 0.2}, "model 1", 1, 0.6},
		{[4]float64{0, 0.3, 0.2, 0.7}, "model 3", 3, 0.4},
		{[4]float64{0, 0.75, 0.68, 0.1}, "hybrid 1+2", 1, 0.07},
		{[4]float64{0, 0.2, 0.62, 0.72}, "hybrid 2+3", 3, 0.1},
		{[4]float64{0, 0.7, 0.65, 0.62}, "hybrid 1+2+3", 1, 0.05},
		{[4]float64{0, 0.7, 0.59, 0.1}, "model 1", 1, 0.11},
		{[4]float64{0, 0.45, 0.4, 0.1}, Unclassified, 1, 0.05},
		{[4]float64{0, nan, 0.8, nan}, "model 2", 2, nan},
		{[4]float64{0, nan, nan, nan}, Unclassified, 0, nan},
	}
	for _, tt := range tests {
		label, top, margin := label(tt.m, 0.1)
		if label != tt.label || top != tt.top || !near(margin, tt.margin) {
			t.Errorf("%v: %q top %d margin %v; want %q %d %v", tt.m[1:], label, top, margin, tt.label, tt.top, tt.margin)
		}
	}
}

func TestNormaliseLabel(t *testing.T) {
	for in, want := range map[string]string{"2": "model 2", "Model 3": "model 3", "1+2": "hybrid 1+2", "hybrid 3 + 2": "hybrid 2+3",
		"UNCLASSIFIED": Unclassified, "1+1": "", "model 4": "", "mixed": ""} {
		if got := NormaliseLabel(in); got != want {
			t.Errorf("NormaliseLabel(%q) = %q, want %q", in, got, want)
		}
	}
}

const testRubric = `# a test rubric
model,indicator,expression,full_non_membership,crossover,full_membership,label
1,partnership decides,share_decisions_partnership,0.2,0.5,0.8,share of decisions by the partnership
2,groups decide,share_decisions_working_groups,0.2,0.5,0.8,share of decisions by working groups
3,grants,grants,0,2,4,small grants
`

// tinyLeadership adds to tiny (2019):
//
//	area  decisions (partnership, working group, other)  grants  codes
//	aa    3, 1, 0  -> shares 0.75, 0.25                   0       2 x Leadership/Partnership, 1 x Approach/Services, 1 x Misc/Weather
//	bb    4, 6, 0  -> 0.4, 0.6                            3       project themed "young people" (services)
//	cc    2, 1, 2  -> 0.4, 0.2                            1
//	dd    none                                            0
func tinyLeadership(t testing.TB, s *store.Store) {
	t.Helper()
	var ds []row
	add := func(area, by string, n int) {
		for i := 0; i < n; i++ {
			ds = append(ds, row{"area_id": area, "period": 2019, "decision_date": "2019-07-01", "decision": "d", "made_by": by})
		}
	}
	add("aa", "partnership", 3)
	add("aa", "working_group", 1)
	add("bb", "partnership", 4)
	add("bb", "working_group", 6)
	add("cc", "partnership", 2)
	add("cc", "working_group", 1)
	add("cc", "worker", 2)
	insert(t, s.DB, "decisions", ds...)
	g := func(area, who string) row {
		return row{"area_id": area, "period": 2019, "award_date": "2019-08-01", "recipient": who, "recipient_type": "informal_group"}
	}
	insert(t, s.DB, "grants", g("bb", "g1"), g("bb", "g2"), g("bb", "g3"), g("cc", "g4"))
	c := func(area, code, excerpt string) row {
		return row{"area_id": area, "period": 2019, "source": "interview 1", "code": code, "excerpt": excerpt}
	}
	insert(t, s.DB, "interview_codes",
		c("aa", "Leadership/Partnership/Recruitment", "We recruit all the time."),
		c("aa", "leadership / partnership/Retention", "People stay on the partnership."),
		c("aa", "Approach/Services", "The lunch club."),
		c("aa", "Misc/Weather", "It rained."))
	insert(t, s.DB, "projects", row{"area_id": "bb", "period": 2019, "project": "Youth Hub", "started": "2019-09-01", "theme": "young people"})
}

func testClassifyOptions(t testing.TB, overrides string) ClassifyOptions {
	t.Helper()
	opt := defaultClassifyOptions(t, "")
	rub, err := ReadRubric("rubric.csv", []byte(testRubric), nil)
	if err != nil {
		t.Fatal(err)
	}
	opt.Rubric = rub
	if overrides != "" {
		kr, err := privacy.Open(filepath.Join(t.TempDir(), "key"))
		if err != nil {
			t.Fatal(err)
		}
		if opt.Overrides, err = ReadOverrides("overrides.csv", []byte(overrides), kr.Pseudonym); err != nil {
			t.Fatal(err)
		}
	}
	return opt
}

func TestClassifyByHand(t *testing.T) {
	s := testDB(t)
	tiny(t, s, nil, nil)
	tinyLeadership(t, s)
	res := classify(t, s, testClassifyOptions(t, "area,period,label,rationale,evaluator\nBee,2019-20,model 3,The grants panel runs it,Jane Evaluator\n"))
	// Memberships (anchors 0.2, 0.5, 0.8 and 0, 2, 4; log-odds ln 19 times
	// the distance from the crossover over the anchor's):
	//   0.75: 1 / (1 + 19^(-5/6)) = 0.92083   0.25: 1 / (1 + 19^(5/6)) = 0.07917
	//   0.4:  1 / (1 + 19^(1/3))  = 0.27260   0.6:  1 / (1 + 19^(-1/3)) = 0.72740
	//   0.2: 0.05; grants 0: 0.05, 1: 1 / (1 + 19^(1/2)) = 0.18661, 3: 0.81339
	p := func(l float64) float64 { return 1 / (1 + math.Pow(19, -l)) }
	nan := math.NaN()
	tests := []struct {
		area       string
		m1, m2, m3 float64
		computed   string
		label      string
	}{
		{"aa", p(5.0 / 6), p(-5.0 / 6), 0.05, "model 1", "model 1"},
		{"bb", p(-1.0 / 3), p(1.0 / 3), p(0.5), "hybrid 2+3", "model 3"}, // 0.8134 - 0.7274 = 0.086 <= 0.1
		{"cc", p(-1.0 / 3), 0.05, p(-0.5), Unclassified, Unclassified},   // top 0.2726 < 0.5
		{"dd", nan, nan, 0.05, Unclassified, Unclassified},               // no decisions
	}
	if math.Abs(p(5.0/6)-0.92083) > 1e-5 || math.Abs(p(1.0/3)-0.72740) > 1e-5 {
		t.Fatalf("hand figure %v", p(5.0/6))
	}
	for _, tt := range tests {
		var c *Classification
		for i := range res.Classifications {
			if res.Classifications[i].Area == tt.area {
				c = &res.Classifications[i]
			}
		}
		if c == nil {
			t.Fatalf("no classification for %s", tt.area)
		}
		if !near(c.M[1], tt.m1) || !near(c.M[2], tt.m2) || !near(c.M[3], tt.m3) || c.Computed != tt.computed || c.Label != tt.label {
			t.Errorf("%s: %v %v %v %q %q; want %v %v %v %q %q", tt.area, c.M[1], c.M[2], c.M[3], c.Computed, c.Label, tt.m1, tt.m2, tt.m3, tt.computed, tt.label)
		}
	}
	// The override keeps the computed label, and the evaluator's name is
	// stored only as a pseudonym.
	var computed, label, by, why string
	if err := s.DB.QueryRow("SELECT computed_label, label, override_by, override_rationale FROM classifications WHERE area_id = 'bb'").Scan(&computed, &label, &by, &why); err != nil {
		t.Fatal(err)
	}
	if computed != "hybrid 2+3" || label != "model 3" || !strings.HasPrefix(by, "P-") || why != "The grants panel runs it" {
		t.Errorf("stored override: %q %q %q %q", computed, label, by, why)
	}
	if n := count(t, s, "classifications WHERE lower(override_by) LIKE '%jane%' OR lower(evidence) LIKE '%jane%'"); n != 0 {
		t.Error("the evaluator's name reached the database")
	}
	// Indicators: figures, memberships, contributions and a reason when missing.
	var v, m, contrib float64
	if err := s.DB.QueryRow("SELECT value, membership, contribution FROM indicators WHERE area_id = 'aa' AND indicator = 'partnership decides'").Scan(&v, &m, &contrib); err != nil {
		t.Fatal(err)
	}
	if !near(v, 0.75) || !near(m, p(5.0/6)) || !near(contrib, p(5.0/6)) {
		t.Errorf("aa partnership decides: %v %v %v", v, m, contrib)
	}
	var reason string
	if err := s.DB.QueryRow("SELECT missing_reason FROM indicators WHERE area_id = 'dd' AND indicator = 'partnership decides' AND value IS NULL").Scan(&reason); err != nil || !strings.Contains(reason, "share_decisions_partnership") {
		t.Errorf("dd partnership decides: reason %q (%v)", reason, err)
	}
	// Codes: two segments coded to model 1 in aa (one written with odd spacing
	// and case), one to services, one unmapped; a project theme for bb.
	var codes int
	if err := s.DB.QueryRow("SELECT codes FROM memberships WHERE area_id = 'aa' AND model = 1").Scan(&codes); err != nil || codes != 2 {
		t.Errorf("aa model 1 codes %d (%v), want 2", codes, err)
	}
	if !strings.Contains(res.Classifications[0].Evidence, "We recruit all the time.") && !strings.Contains(res.Classifications[0].Evidence, "People stay on the partnership.") {
		t.Errorf("aa's evidence quotes no excerpt: %q", res.Classifications[0].Evidence)
	}
	if len(res.Unmapped) != 1 || res.Unmapped[0].Code != "Misc/Weather" || res.Unmapped[0].Segments != 1 {
		t.Errorf("unmapped %+v, want Misc/Weather (1)", res.Unmapped)
	}
	want := map[string][2]int{"aa/services": {1, 0}, "bb/services": {0, 1}}
	if len(res.Approaches) != len(want) {
		t.Errorf("approaches %+v", res.Approaches)
	}
	for _, a := range res.Approaches {
		if w, ok := want[a.Area+"/"+a.Tag]; !ok || a.Codes != w[0] || a.Projects != w[1] || a.Evidence == "" {
			t.Errorf("approach %+v, want %v", a, w)
		}
	}
	if n := count(t, s, "code_mapping WHERE target_type = 'model' AND target = '1'"); n != 2 {
		t.Errorf("%d codes mapped to model 1, want 2", n)
	}
}

func TestBadRubric(t *testing.T) {
	head := "model,indicator,expression,full_non_membership,crossover,full_membership,label\n"
	ok := "1,a,working_groups,5,2,0,x\n2,b,delegated_groups,0,1,3,x\n3,c,grants,0,2,4,x\n"
	tests := []struct {
		name, text string
		line       int
		contains   string
	}{
		{"anchors out of order", head + ok + "1,d,decisions,1,5,3,x\n", 5, "out of order"},
		{"anchors equal", head + ok + "1,d,decisions,1,1,3,x\n", 5, "out of order"},
		{"unknown model", head + "# note\n4,d,decisions,1,2,3,x\n" + ok, 3, "model must be 1, 2 or 3"},
		{"anchor not a number", head + ok + "2,d,decisions,one,2,3,x\n", 5, "must be a number"},
		{"twice", head + ok + "1,A,decisions,1,2,3,x\n", 5, "twice"},
		{"model without indicator", head + "1,a,working_groups,5,2,0,x\n3,c,grants,0,2,4,x\n", 0, "no indicator for model 2"},
		{"missing column", "model,indicator,expression,crossover,full_membership\n", 1, "full_non_membership"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadRubric("my rubric.csv", []byte(tt.text), nil)
			var ie *position.Error
			if !errors.As(err, &ie) || !errors.Is(err, ErrRubric) {
				t.Fatalf("got %v, want a *position.Error of kind ErrRubric", err)
			}
			if ie.File != "my rubric.csv" || ie.Line != tt.line || !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("got %q at line %d, want line %d and %q", err, ie.Line, tt.line, tt.contains)
			}
		})
	}
	// A broken expression is found when classifying: its rubric line, and nothing written.
	s := testDB(t)
	tiny(t, s, nil, nil)
	tinyLeadership(t, s)
	classify(t, s, testClassifyOptions(t, ""))
	before := count(t, s, "classifications")
	opt := testClassifyOptions(t, "")
	rub, err := ReadRubric("my rubric.csv", []byte(head+ok+"\n2,d,no_such_fact / decisions,0,1,2,x\n"), nil)
	if err != nil {
		t.Fatal(err)
	}
	opt.Rubric = rub
	err = s.InTx(context.Background(), func(tx *store.Tx) error {
		res, err := Classify(context.Background(), tx, builtin(t).Helpers, opt)
		if err != nil {
			return err
		}
		return res.Write(tx)
	})
	var ie *position.Error
	if !errors.As(err, &ie) || !errors.Is(err, ErrRubric) || ie.File != "my rubric.csv" || ie.Line != 6 || ie.Column != "expression" {
		t.Fatalf("got %v; want my rubric.csv:6, column expression", err)
	}
	if after := count(t, s, "classifications"); after != before {
		t.Errorf("classifications went from %d to %d rows", before, after)
	}
}

func TestBadCodebookAndOverrides(t *testing.T) {
	head := "code,target_type,target,applies_to\n"
	for _, tt := range []struct {
		text     string
		line     int
		contains string
	}{
		{head + "Leadership/*,model,4,\n", 2, "1, 2 or 3"},
		{head + "A*,approach,fundraising,\n", 2, `no approach "fundraising"`},
		{head + "A*,definition,turnip,\n", 2, `no definition "turnip"`},
		{head + "A*,mood,happy,\n", 2, "definition, model, approach or focus"},
		{head + "youth,model,1,theme\n", 2, "only be evidence of an approach or a focus"},
	} {
		_, err := ReadCodebook("codebook.csv", []byte(tt.text), builtin(t).Names())
		var ie *position.Error
		if !errors.As(err, &ie) || !errors.Is(err, ErrCodebook) || ie.Line != tt.line || !strings.Contains(err.Error(), tt.contains) {
			t.Errorf("%q: got %v, want line %d and %q", tt.text, err, tt.line, tt.contains)
		}
	}
	head = "area,period,label,rationale,evaluator\n"
	for _, tt := range []struct {
		text     string
		line     int
		contains string
	}{
		{head + "aa,2019-20,model 5,because,Ann\n", 2, "the label must be"},
		{head + "aa,last year,model 1,because,Ann\n", 2, "reporting year"},
		{head + "aa,2019-20,model 1,,Ann\n", 2, "rationale"},
		{head + "aa,2019-20,model 1,because,\n", 2, "evaluator"},
	} {
		_, err := ReadOverrides("overrides.csv", []byte(tt.text), func(string) string { return "P-x" })
		var ie *position.Error
		if !errors.As(err, &ie) || !errors.Is(err, ErrOverride) || ie.Line != tt.line || !strings.Contains(err.Error(), tt.contains) {
			t.Errorf("%q: got %v, want line %d and %q", tt.text, err, tt.line, tt.contains)
		}
	}
	// An override naming an area without returns is refused when classifying.
	s := testDB(t)
	tiny(t, s, nil, nil)
	tinyLeadership(t, s)
	err := s.InTx(context.Background(), func(tx *store.Tx) error {
		_, err := Classify(context.Background(), tx, builtin(t).Helpers, testClassifyOptions(t, head+"# note\nzz,2019-20,model 1,because,Ann\n"))
		return err
	})
	var ie *position.Error
	if !errors.As(err, &ie) || !errors.Is(err, ErrOverride) || ie.Line != 3 || ie.Column != "area" {
		t.Errorf("got %v; want overrides.csv:3, column area", err)
	}
}

// The classification records the log-odds its calibration used.
func TestClassifySettingsLogOdds(t *testing.T) {
	for _, c := range []struct {
		lo   qca.LogOdds
		want string
	}{{"", "qca"}, {qca.LogOddsQCA, "qca"}, {qca.LogOddsFsQCA, "fsqca"}} {
		opt := ClassifyOptions{Rubric: &Rubric{}, Codebook: &Codebook{}, Facts: &Helper{}, LogOdds: c.lo, Now: time.Now}
		got := map[string]string{}
		for _, kv := range classifySettings(opt) {
			got[kv[0]] = kv[1]
		}
		if got["logodds"] != c.want || !strings.HasPrefix(got["calibration"], c.want+":") {
			t.Errorf("log-odds %q: settings say logodds %q, calibration %q", c.lo, got["logodds"], got["calibration"])
		}
	}
}
