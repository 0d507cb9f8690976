package cli

import (
	"os"
	"path/filepath"
	"strings"
	"testing"
)

// TestMethodRoundTrip: on the bundled sample, obs score and obs classify
// give the same figures and labels (as CSV) from the flags' own files, from
// a version of the method saved from those files (no flags), and from the
// files that version exports, fed back through the flags its export prints.
func TestMethodRoundTrip(t *testing.T) {
	db, key := sampleDatabase(t)
	dir := t.TempDir()
	rubric, err := os.ReadFile("../../queries/defaults/rubric.csv")
	if err != nil {
		t.Fatal(err)
	}
	files := map[string]string{
		"w.csv":            "definition,weight\nturnout,3\ncomposition,1\nconsultation,0.5\nvolunteering,1\n",
		"r/rubric.csv":     strings.Replace(string(rubric), "delegated_groups,0,1,4", "delegated_groups,0,2,5", 1) + "2,groups counted,sql/groups.sql,0,2,5,working groups from a file\n",
		"r/sql/groups.sql": "SELECT area_id, period, working_groups AS value FROM area_facts\n",
		"o.csv":            "area,period,label,rationale,evaluator\nhanwell,2021-22,hybrid 2+3,groups run themselves,Ann Example\n",
		"cb.csv":           "code,target_type,target\nLeadership/Partnership*,model,1\nLeadership/Working groups*,model,2\nLeadership/Enabling*,model,3\n",
	}
	for name, text := range files {
		p := filepath.Join(dir, name)
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			t.Fatal(err)
		}
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
	}
	t.Setenv("OBS_KEY", key)
	in := func(name string) string { return filepath.Join(dir, name) }
	obs := func(args ...string) string {
		t.Helper()
		code, stdout, stderr := run(t, append(args, "--db", db)...)
		if code != ExitOK {
			t.Fatalf("obs %s: exit %d\n%s%s", strings.Join(args, " "), code, stdout, stderr)
		}
		return stdout
	}
	fast := []string{"--draws", "20", "--format", "csv"}
	scoreFlags := []string{"--weights", in("w.csv"), "--normalisation", "rank", "--aggregation", "geometric", "--coverage", "0.6", "--seed", "7"}
	classifyFlags := []string{"--rubric", in("r/rubric.csv"), "--codebook", in("cb.csv"), "--overrides", in("o.csv"), "--margin", "0.15", "--seed", "7"}
	fromFlags := [2]string{
		obs(append(append([]string{"score", "--samples", "0"}, scoreFlags...), fast...)...),
		obs(append(append([]string{"classify"}, classifyFlags...), fast...)...),
	}
	if !strings.Contains(fromFlags[1], "hybrid 2+3") {
		t.Fatalf("the override is not in the labels:\n%s", fromFlags[1])
	}

	save := append(append([]string{"method", "save", "--note", "from the flags' files", "--by", "Ann Example"}, scoreFlags[:8]...), classifyFlags[:8]...)
	save = append(save, "--seed", "7")
	if out := obs(save...); !strings.Contains(out, "Saved version 1 of the method") {
		t.Fatalf("method save:\n%s", out)
	}
	fromSaved := [2]string{
		obs(append([]string{"score", "--samples", "0"}, fast...)...),
		obs(append([]string{"classify"}, fast...)...),
	}
	for i, what := range []string{"scores", "labels"} {
		if fromSaved[i] != fromFlags[i] {
			t.Errorf("%s from the saved version differ from those of the flags' files", what)
		}
	}

	out := obs("method", "export", "--out", in("export"))
	var lines [][]string
	for _, l := range strings.Split(out, "\n") {
		if f := strings.Fields(l); len(f) > 1 && f[0] == "obs" {
			lines = append(lines, f[1:])
		}
	}
	if len(lines) != 2 || lines[0][0] != "score" || lines[1][0] != "classify" {
		t.Fatalf("method export printed no obs score and obs classify lines:\n%s", out)
	}
	if _, err := os.Stat(in("export/sql/groups.sql")); err != nil {
		t.Errorf("the export lacks the rubric's .sql file: %v", err)
	}
	fromExport := [2]string{
		obs(append(append(lines[0], "--samples", "0"), fast...)...),
		obs(append(lines[1], fast...)...),
	}
	for i, what := range []string{"scores", "labels"} {
		if fromExport[i] != fromFlags[i] {
			t.Errorf("%s from the exported files differ from those of the flags' files", what)
		}
	}
}
