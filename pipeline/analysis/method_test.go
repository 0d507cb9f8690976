package analysis

import (
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/position"
)

// writeFiles writes name -> text into a new folder and returns it.
func writeFiles(t *testing.T, files map[string]string) string {
	t.Helper()
	dir := t.TempDir()
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	return dir
}

// methodRubric is the built-in rubric with one model 2 indicator read from
// a .sql file in a sub-folder.
func methodRubric(t *testing.T) string {
	t.Helper()
	r, err := os.ReadFile("../../queries/defaults/rubric.csv")
	if err != nil {
		t.Fatal(err)
	}
	return string(r) + "2,wg count,sql/wg_count.sql,0,2,5,working groups counted by a file\n"
}

const wgCountSQL = "-- working groups a year\nSELECT area_id, period, working_groups AS value FROM area_facts\n"

// TestMethodRoundTrip: a method made from options read off the flags'
// files gives back, through Options, the same weights, rubric (with its
// .sql file), codebook, overrides and settings; files unchanged on disk
// keep their exact text, comments and all.
func TestMethodRoundTrip(t *testing.T) {
	defs := builtin(t)
	weights := "# my weights\ndefinition,weight\nturnout,2\ncomposition,1\nconsultation,0.5\n"
	overrides := "area,period,label,rationale,evaluator\nhanwell,2021-22,hybrid 2+1,groups run themselves,Ann Example\nbirchfield,,model 3,small grants throughout,Ann Example\n"
	dir := writeFiles(t, map[string]string{"w.csv": weights, "r/rubric.csv": methodRubric(t), "r/sql/wg_count.sql": wgCountSQL, "o.csv": overrides})
	w, err := ReadWeights(filepath.Join(dir, "w.csv"), []byte(weights), defs)
	if err != nil {
		t.Fatal(err)
	}
	sopt := ScoreOptions{Normalisation: RankNorm, Aggregation: Geometric, Weights: w, Coverage: 0.7, Seed: 42}
	copt, err := ReadClassifyFiles(filepath.Join(dir, "r/rubric.csv"), "", filepath.Join(dir, "o.csv"), defs, func(string) string { return "P-0123456789" })
	if err != nil {
		t.Fatal(err)
	}
	copt.Margin = 0.15
	m, err := MethodOf(sopt, copt, defs)
	if err != nil {
		t.Fatal(err)
	}
	if got := string(m.Files[WeightsFile]); got != weights {
		t.Errorf("weights.csv = %q, want the file as written %q", got, weights)
	}
	if got := string(m.Files["sql/wg_count.sql"]); got != wgCountSQL {
		t.Errorf("the rubric's .sql file = %q, want %q", got, wgCountSQL)
	}
	if strings.Contains(string(m.Files[OverridesFile]), "Ann Example") {
		t.Errorf("overrides.csv keeps an evaluator's name:\n%s", m.Files[OverridesFile])
	}
	m.Version = 3
	s2, c2, err := m.Options(defs)
	if err != nil {
		t.Fatal(err)
	}
	if !reflect.DeepEqual(s2.Weights.W, w.W) || !reflect.DeepEqual(s2.Weights.Unlisted, w.Unlisted) {
		t.Errorf("weights %v (unlisted %v), want %v (%v)", s2.Weights.W, s2.Weights.Unlisted, w.W, w.Unlisted)
	}
	if s2.Normalisation != RankNorm || s2.Aggregation != Geometric || s2.Coverage != 0.7 || s2.Seed != 42 || c2.Seed != 42 || c2.Margin != 0.15 {
		t.Errorf("settings %+v / margin %g seed %d: not the method's", s2, c2.Margin, c2.Seed)
	}
	if s2.Weights.File != "weights.csv (method version 3)" {
		t.Errorf("weights named %q", s2.Weights.File)
	}
	if len(c2.Rubric.Indicators) != len(copt.Rubric.Indicators) {
		t.Fatalf("%d indicators, want %d", len(c2.Rubric.Indicators), len(copt.Rubric.Indicators))
	}
	for i, in := range c2.Rubric.Indicators {
		was := copt.Rubric.Indicators[i]
		if in.Model != was.Model || in.Name != was.Name || in.Expression != was.Expression || in.File != was.File ||
			in.Non != was.Non || in.Cross != was.Cross || in.Full != was.Full || in.Label != was.Label {
			t.Errorf("indicator %d: %+v, want %+v", i, in, was)
		}
	}
	if len(c2.Codebook.Rules) != len(copt.Codebook.Rules) {
		t.Errorf("%d codebook lines, want %d", len(c2.Codebook.Rules), len(copt.Codebook.Rules))
	}
	if c2.Overrides == nil || len(c2.Overrides.List) != 2 {
		t.Fatalf("overrides %+v, want 2", c2.Overrides)
	}
	for i, o := range c2.Overrides.List {
		was := copt.Overrides.List[i]
		if o.Area != was.Area || o.Period != was.Period || o.Label != was.Label || o.Rationale != was.Rationale || o.By != was.By {
			t.Errorf("override %d: %+v, want %+v", i, o, was)
		}
	}
	// Written afresh (the file gone), the weights still read the same.
	os.Remove(filepath.Join(dir, "w.csv"))
	again, err := MethodOf(sopt, copt, defs)
	if err != nil {
		t.Fatal(err)
	}
	if string(again.Files[WeightsFile]) == weights {
		t.Error("weights.csv kept its comments although the file is gone")
	}
	if s3, _, err := again.Options(defs); err != nil || !reflect.DeepEqual(s3.Weights.W, w.W) {
		t.Errorf("weights written afresh read back as %v (%v), want %v", s3.Weights.W, err, w.W)
	}
}

// TestMethodDefaults: the method of the commands' defaults holds the
// built-in files as they are.
func TestMethodDefaults(t *testing.T) {
	defs := builtin(t)
	src, err := ReadSource("", "weights.csv")
	if err != nil {
		t.Fatal(err)
	}
	w, err := ReadWeights(src.Name, src.Data, defs)
	if err != nil {
		t.Fatal(err)
	}
	copt, err := ReadClassifyFiles("", "", "", defs, nil)
	if err != nil {
		t.Fatal(err)
	}
	m, err := MethodOf(ScoreOptions{Weights: w, Coverage: 0.5, Seed: 1}, copt, defs)
	if err != nil {
		t.Fatal(err)
	}
	for _, name := range []string{WeightsFile, RubricFile, CodebookFile, OverridesFile} {
		want, err := os.ReadFile(filepath.Join("../../queries/defaults", name))
		if err != nil {
			t.Fatal(err)
		}
		if string(m.Files[name]) != string(want) {
			t.Errorf("%s is not the built-in file", name)
		}
	}
	if m.Normalisation != MinMax || m.Aggregation != Arithmetic || m.Margin != 0.1 {
		t.Errorf("settings %s %s %g, want the defaults", m.Normalisation, m.Aggregation, m.Margin)
	}
}

// TestMethodValidation: a method's files are checked as the flags' files
// are, with the same messages, naming the file and the version.
func TestMethodValidation(t *testing.T) {
	defs := builtin(t)
	copt, err := ReadClassifyFiles("", "", "", defs, nil)
	if err != nil {
		t.Fatal(err)
	}
	base, err := MethodOf(ScoreOptions{Coverage: 0.5, Seed: 1}, copt, defs)
	if err != nil {
		t.Fatal(err)
	}
	base.Version = 3
	rubric := string(base.Files[RubricFile])
	for _, tt := range []struct {
		name  string
		edit  func(m *Method)
		where string // position.Error's Where, "" when not a file's error
		kind  error
		msg   string
	}{
		{"bad weight", func(m *Method) { m.Files[WeightsFile] = []byte("definition,weight\nturnout,-1\n") },
			"weights.csv (method version 3):2", ErrWeights, `the weight of turnout must be a number, 0 or more, not "-1"`},
		{"anchors out of order", func(m *Method) {
			m.Files[RubricFile] = []byte(strings.Replace(rubric, "delegated_groups,0,1,4", "delegated_groups,0,5,4", 1))
		}, "rubric.csv (method version 3):", ErrRubric, "the anchors are out of order"},
		{"missing .sql file", func(m *Method) {
			m.Files[RubricFile] = []byte(rubric + "2,wg count,wg_count.sql,0,2,5,x\n")
		}, "rubric.csv (method version 3):", ErrRubric, "cannot read the indicator's file wg_count.sql"},
		{"bad codebook target", func(m *Method) { m.Files[CodebookFile] = []byte("code,target_type,target\nA*,model,4\n") },
			"codebook.csv (method version 3):2", ErrCodebook, `a model target must be 1, 2 or 3, not "4"`},
		{"override without rationale", func(m *Method) {
			m.Files[OverridesFile] = []byte("area,period,label,rationale,evaluator\nhanwell,2021-22,model 1,,P-0123456789\n")
		}, "overrides.csv (method version 3):2", ErrOverride, "an override needs a rationale"},
		{"no rubric", func(m *Method) { delete(m.Files, RubricFile) }, "rubric.csv (method version 3)", ErrMethod, "the method has no rubric.csv"},
		{"not UTF-8", func(m *Method) { m.Files[WeightsFile] = []byte("definition,weight\ncaf\xe9,1\n") }, "weights.csv (method version 3)", ErrMethod, "not UTF-8"},
		{"bad normalisation", func(m *Method) { m.Normalisation = "median" }, "", ErrOption, `there is no normalisation "median"`},
		{"bad margin", func(m *Method) { m.Margin = 1.5 }, "", ErrOption, "the hybrid margin must be more than 0 and less than 1"},
		{"margin 0", func(m *Method) { m.Margin = 0 }, "", ErrOption, "the hybrid margin must be more than 0 and less than 1 (0.1 is usual), not 0"},
		{"bad coverage", func(m *Method) { m.Coverage = 2 }, "", ErrOption, "the coverage threshold must be between 0 and 1"},
	} {
		m := base.Clone()
		tt.edit(m)
		_, _, err := m.Options(defs)
		if err == nil {
			t.Errorf("%s: no error", tt.name)
			continue
		}
		if !errors.Is(err, tt.kind) || !strings.Contains(err.Error(), tt.msg) {
			t.Errorf("%s: %v, want %v saying %q", tt.name, err, tt.kind, tt.msg)
		}
		var pe *position.Error
		if tt.where != "" && (!errors.As(err, &pe) || !strings.HasPrefix(pe.Where(), tt.where)) {
			t.Errorf("%s: error at %q, want at %q", tt.name, where(pe), tt.where)
		}
	}
	if _, _, err := base.Options(defs); err != nil {
		t.Errorf("the unedited method: %v", err)
	}
}

func where(pe *position.Error) string {
	if pe == nil {
		return "(no position)"
	}
	return pe.Where()
}

// TestCompareMethods lists each changed setting, a line each.
func TestCompareMethods(t *testing.T) {
	defs := builtin(t)
	copt, err := ReadClassifyFiles("", "", "", defs, nil)
	if err != nil {
		t.Fatal(err)
	}
	a, err := MethodOf(ScoreOptions{Coverage: 0.5, Seed: 1}, copt, defs)
	if err != nil {
		t.Fatal(err)
	}
	b := a.Clone()
	b.Normalisation = Percentile
	b.Files[WeightsFile] = []byte(strings.Replace(string(a.Files[WeightsFile]), "turnout,1", "turnout,2", 1))
	b.Files[RubricFile] = []byte(strings.Replace(string(a.Files[RubricFile]), "delegated_groups,0,1,4", "delegated_groups,0,1.5,4", 1) +
		"3,grants sql,grants.sql,0,1,2,grants from a file\n")
	b.Files["grants.sql"] = []byte("SELECT 1")
	b.Files[CodebookFile] = []byte(strings.Replace(string(a.Files[CodebookFile]), "Leadership/Partnership*,model,1", "Leadership/Partnership*,model,2", 1))
	b.Files[OverridesFile] = []byte("area,period,label,rationale,evaluator\nbirchfield,2021-22,model 1,the partnership decides,P-0123456789\n")
	got := CompareMethods(a, b, defs)
	want := []MethodChange{
		{"normalisation", MinMax, Percentile},
		{"weight of turnout", "1", "2"},
		{"anchor crossover of model 2 indicator delegated groups", "1", "1.5"},
		{"model 3 indicator grants sql", "", "grants.sql; anchors 0, 1, 2; grants from a file"},
		{"codebook line Leadership/Partnership* (interview code)", "model 1", "model 2"},
		{"override birchfield 2021-22", "", "model 1: the partnership decides (by P-0123456789)"},
	}
	if !reflect.DeepEqual(got, want) {
		t.Errorf("CompareMethods:\n got %q\nwant %q", got, want)
	}
	if c := CompareMethods(a, a.Clone(), defs); len(c) != 0 {
		t.Errorf("a method compared with itself: %q", c)
	}
}
