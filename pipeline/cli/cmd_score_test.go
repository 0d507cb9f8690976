package cli

import (
	"encoding/json"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/sample"
)

var (
	sampleOnce sync.Once
	sampleDB   string
	sampleErr  string
)

// sampleDatabase ingests the default sample once for the score and classify
// tests and returns a copy of the database for the test to change.
func sampleDatabase(t *testing.T) (db, key string) {
	t.Helper()
	sampleOnce.Do(func() {
		dir, err := os.MkdirTemp("", "obs-score-test-")
		if err != nil {
			sampleErr = err.Error()
			return
		}
		if _, err := sample.Write(filepath.Join(dir, "returns"), sample.Options{}); err != nil {
			sampleErr = err.Error()
			return
		}
		sampleDB = filepath.Join(dir, "obs.duckdb")
		code, out, errs := run(t, "ingest", "--db", sampleDB, "--key", filepath.Join(dir, "key"), filepath.Join(dir, "returns"))
		if code != ExitOK && code != ExitQuarantined {
			sampleErr = out + errs
		}
	})
	if sampleErr != "" {
		t.Fatal(sampleErr)
	}
	dir := t.TempDir()
	b, err := os.ReadFile(sampleDB)
	if err != nil {
		t.Fatal(err)
	}
	db = filepath.Join(dir, "obs.duckdb")
	if err := os.WriteFile(db, b, 0o644); err != nil {
		t.Fatal(err)
	}
	return db, filepath.Join(dir, "key")
}

func writeFile(t *testing.T, name, text string) string {
	t.Helper()
	p := filepath.Join(t.TempDir(), name)
	if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
		t.Fatal(err)
	}
	return p
}

func TestScoreCommand(t *testing.T) {
	db, _ := sampleDatabase(t)
	code, out, errs := run(t, "score", "--db", db, "--draws", "50")
	if code != ExitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	for _, want := range []string{"SYNTHETIC DATA", "Resident-led scores, 2021-22: residents R1 (lives here)", "Birchfield", "5-95%",
		"compos   Residents on the partnership (% of voting members, residents R1)", "How much the definition matters"} {
		if !strings.Contains(out, want) {
			t.Errorf("score output lacks %q:\n%s", want, out)
		}
	}
	for _, line := range strings.Split(out, "\n") {
		if n := len([]rune(line)); n > 130 {
			t.Errorf("a line of %d characters is too wide to read: %q", n, line)
		}
	}
	// As data: one row per area, period, definition and resident definition.
	code, out, errs = run(t, "score", "--db", db, "--draws", "0", "--format", "csv")
	if code != ExitOK {
		t.Fatalf("csv: exit %d\n%s", code, errs)
	}
	lines := strings.Split(strings.TrimSpace(out), "\n")
	if !strings.HasPrefix(lines[0], "area_id,area,period,definition,resident_def,value,unit,base,base_label,missing_reason,normalisation,normalised,rank") {
		t.Errorf("csv header %q", lines[0])
	}
	// 15 areas x 3 periods x (2 definitions x 3 resident definitions + 6 others + the composite x 3) = 15 x 3 x 15
	if got := len(lines) - 1; got != 15*3*15 {
		t.Errorf("%d csv rows, want %d", got, 15*3*15)
	}
	if !strings.Contains(out, "birchfield,Birchfield,2021-22,composition,R2,") {
		t.Error("no row for Birchfield's composition under R2")
	}
}

func TestScoreBadInput(t *testing.T) {
	db, _ := sampleDatabase(t)
	weights := writeFile(t, "weights.csv", "definition,weight\nturnout,1\nturnip,2\n")
	code, out, errs := run(t, "score", "--db", db, "--weights", weights)
	if code != ExitFailed || !strings.Contains(errs, weights+`:3: there is no definition "turnip"`) {
		t.Errorf("unknown definition: exit %d\n%s%s", code, out, errs)
	}
	dir := t.TempDir()
	os.WriteFile(filepath.Join(dir, "broken.sql"), []byte("-- name: broken\n-- label: x\n-- unit: x\n-- direction: higher\n-- resident_def: no\n-- base: x\nSELECT area_id, period, 1 AS value\nFORM area_periods\n"), 0o644)
	code, out, errs = run(t, "score", "--db", db, "--definitions", dir)
	if code != ExitFailed || !strings.Contains(errs, filepath.Join(dir, "broken.sql")+":8: the SQL has a syntax error") {
		t.Errorf("broken definition: exit %d\n%s%s", code, out, errs)
	}
	code, _, errs = run(t, "score", "--db", db, "--normalisation", "log")
	if code != ExitUsage || !strings.Contains(errs, `no normalisation "log"`) {
		t.Errorf("bad normalisation: exit %d\n%s", code, errs)
	}
}

func TestClassifyCommand(t *testing.T) {
	db, key := sampleDatabase(t)
	overrides := writeFile(t, "overrides.csv", "area,period,label,rationale,evaluator\nHanwell,2021-22,hybrid 2+3,Groups run themselves,Ann Evaluator\n")
	code, out, errs := run(t, "classify", "--db", db, "--key", key, "--overrides", overrides)
	if code != ExitOK {
		t.Fatalf("exit %d\n%s%s", code, out, errs)
	}
	for _, want := range []string{"Leadership models, 2021-22", "hybrid 1+2", "hybrid 2+3", "model 3", "Evidence",
		"overridden from model 3 by P-", "Codes the codebook does not map", "Misc/Weather"} {
		if !strings.Contains(out, want) {
			t.Errorf("classify output lacks %q:\n%s", want, out)
		}
	}
	if strings.Contains(out, "Ann Evaluator") {
		t.Error("the evaluator's name is shown")
	}
	code, out, errs = run(t, "classify", "--db", db, "--format", "json")
	if code != ExitOK {
		t.Fatalf("json: exit %d\n%s", code, errs)
	}
	var rows []map[string]any
	if err := json.Unmarshal([]byte(out), &rows); err != nil {
		t.Fatalf("json: %v\n%s", err, out)
	}
	if len(rows) != 45 || rows[0]["label"] == nil || rows[0]["m1"] == nil || rows[0]["evidence"] == nil {
		t.Errorf("%d rows; first %v", len(rows), rows[0])
	}
}

func TestClassifyBadRubric(t *testing.T) {
	db, _ := sampleDatabase(t)
	rubric := writeFile(t, "rubric.csv", "model,indicator,expression,full_non_membership,crossover,full_membership\n"+
		"1,a,working_groups,5,2,0\n2,b,delegated_groups,0,3,1\n3,c,grants,0,2,4\n")
	code, out, errs := run(t, "classify", "--db", db, "--rubric", rubric)
	if code != ExitFailed || !strings.Contains(errs, rubric+":3: the anchors are out of order") {
		t.Errorf("exit %d\n%s%s", code, out, errs)
	}
}
