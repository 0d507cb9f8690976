package steps

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"reflect"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/ingest"
	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/qca"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

func methodStore(t *testing.T) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "obs.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}

// TestMethodVersions: with none saved, the current method is the settings
// in use (version 0); saving numbers versions from 1, lists them newest
// first with their files, refuses a method whose files do not read (with
// the file's message), and restoring saves a copy of an old version as a
// new one, recorded in the audit table.
func TestMethodVersions(t *testing.T) {
	ctx := context.Background()
	st := methodStore(t)
	cur, err := CurrentMethod(ctx, st.DB)
	if err != nil {
		t.Fatal(err)
	}
	if cur.Version != 0 || cur.Normalisation != analysis.MinMax || len(cur.Files) < 4 {
		t.Fatalf("current method with none saved: version %d, %s, %d files", cur.Version, cur.Normalisation, len(cur.Files))
	}
	if ms, err := MethodVersions(ctx, st.DB); err != nil || len(ms) != 0 {
		t.Fatalf("versions before any is saved: %d (%v)", len(ms), err)
	}
	if _, err := MethodVersion(ctx, st.DB, 1); !errors.Is(err, ErrNoMethodVersion) || !strings.Contains(err.Error(), "none is saved yet") {
		t.Errorf("version 1 of none: %v", err)
	}

	second := cur.Clone()
	second.SavedBy, second.Note = "P-0123456789", ""
	second.Files[analysis.WeightsFile] = []byte(strings.Replace(string(cur.Files[analysis.WeightsFile]), "turnout,1", "turnout,3", 1))
	if v, err := SaveMethod(ctx, st, second); err != nil || v != 2 {
		t.Fatalf("first save: version %d, %v; want 2, after version 1 keeping the settings it replaces", v, err)
	}
	if second.Note != "changed weight of turnout" {
		t.Errorf("note made of the changes: %q", second.Note)
	}
	bad := second.Clone()
	bad.Files[analysis.WeightsFile] = []byte("definition,weight\nturnout,lots\n")
	if _, err := SaveMethod(ctx, st, bad); !errors.Is(err, analysis.ErrWeights) || !strings.Contains(err.Error(), "weights.csv (method not saved yet):2") {
		t.Errorf("saving bad weights: %v", err)
	}

	v, err := RestoreMethod(ctx, st, 1, "P-9876543210")
	if err != nil || v != 3 {
		t.Fatalf("restore: version %d, %v", v, err)
	}
	ms, err := MethodVersions(ctx, st.DB)
	if err != nil {
		t.Fatal(err)
	}
	var got []int
	for _, m := range ms {
		got = append(got, m.Version)
	}
	if !reflect.DeepEqual(got, []int{3, 2, 1}) {
		t.Fatalf("versions %v, want 3 2 1", got)
	}
	restored, old := ms[0], ms[2]
	if restored.Note != "restored from version 1" || restored.SavedBy != "P-9876543210" || restored.SavedAt.IsZero() {
		t.Errorf("restored version: note %q by %q at %v", restored.Note, restored.SavedBy, restored.SavedAt)
	}
	if !reflect.DeepEqual(restored.Files, old.Files) || restored.Seed != old.Seed || restored.Margin != old.Margin || restored.Coverage != old.Coverage {
		t.Error("the restored version differs from version 1")
	}
	if !reflect.DeepEqual(old.Files, cur.Files) || old.Normalisation != cur.Normalisation || old.Seed != cur.Seed {
		t.Error("version 1 does not hold the settings in use before the first save")
	}
	if old.Note != "the settings in use before the first version was saved" || old.SavedBy != "P-0123456789" {
		t.Errorf("version 1: note %q by %q", old.Note, old.SavedBy)
	}
	if c := analysis.CompareMethods(ms[1], restored, mustDefs(t)); len(c) != 1 || c[0].Setting != "weight of turnout" || c[0].Was != "3" {
		t.Errorf("version 2 to 3: %q", c)
	}
	now, err := CurrentMethod(ctx, st.DB)
	if err != nil || now.Version != 3 {
		t.Errorf("current method: %v (%v), want version 3", now, err)
	}
	two, err := MethodVersion(ctx, st.DB, 2)
	if err != nil || two.Version != 2 || !reflect.DeepEqual(two.Files, ms[1].Files) {
		t.Errorf("version 2: %v", err)
	}
	if _, err := MethodVersion(ctx, st.DB, 7); !errors.Is(err, ErrNoMethodVersion) || !strings.Contains(err.Error(), "the versions are 1 to 3") {
		t.Errorf("version 7: %v", err)
	}
	var audits int
	if err := st.DB.QueryRowContext(ctx, "SELECT count(*) FROM audit WHERE action = 'settings' AND detail LIKE 'saved method version %'").Scan(&audits); err != nil || audits != 3 {
		t.Errorf("audit rows of saved versions: %d (%v), want 3", audits, err)
	}
}

func mustDefs(t *testing.T) *analysis.Definitions {
	t.Helper()
	defs, err := analysis.LoadDefinitions(analysis.BuiltinDefinitions(), "")
	if err != nil {
		t.Fatal(err)
	}
	return defs
}

// TestResultsFollowTheSavedMethod: once a version is saved, recomputing
// uses it (its normalisation and weights reach the score settings); an
// override set from the area page is saved as a new version holding it,
// noted, and the labels carry it.
func TestResultsFollowTheSavedMethod(t *testing.T) {
	ctx := context.Background()
	st := methodStore(t)
	dir := t.TempDir()
	kr, err := privacy.Open(filepath.Join(dir, "key"))
	if err != nil {
		t.Fatal(err)
	}
	f := filepath.Join(dir, "events.csv")
	if err := os.WriteFile(f, []byte("area,period,event date,event,attendees\nhanwell,2021-22,2021-05-01,Fair,40\nbirchfield,2021-22,2021-06-01,Picnic,25\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := Load(ctx, st, []string{f}, ingest.Options{Keyring: kr, User: "test"}, nil); err != nil {
		t.Fatal(err)
	}
	setting := func(table, key string) string {
		t.Helper()
		var v string
		if err := st.DB.QueryRowContext(ctx, "SELECT value FROM "+table+" WHERE key = ?", key).Scan(&v); err != nil {
			t.Fatalf("%s %s: %v", table, key, err)
		}
		return v
	}
	// Results made without the Monte Carlo, the sensitivity or the stability
	// draws, which recomputing keeps (a method does not hold them): fast.
	defs := mustDefs(t)
	if _, err := Score(ctx, st, defs, analysis.ScoreOptions{Coverage: 0.5, Seed: 1}); err != nil {
		t.Fatal(err)
	}
	copt, err := analysis.ReadClassifyFiles("", "", "", defs, nil)
	if err != nil {
		t.Fatal(err)
	}
	copt.Draws, copt.LogOdds = 0, qca.LogOddsFsQCA
	if _, err := Classify(ctx, st, defs, copt); err != nil {
		t.Fatal(err)
	}
	if got := setting("score_settings", "normalisation"); got != analysis.MinMax {
		t.Fatalf("normalisation with no version saved: %s", got)
	}
	m, err := CurrentMethod(ctx, st.DB)
	if err != nil {
		t.Fatal(err)
	}
	m.Normalisation, m.SavedBy = analysis.RankNorm, "P-0123456789"
	m.Files[analysis.WeightsFile] = []byte("definition,weight\nturnout,2\ncomposition,1\n")
	if _, err := SaveMethod(ctx, st, m); err != nil {
		t.Fatal(err)
	}
	if err := Recompute(ctx, st); err != nil {
		t.Fatal(err)
	}
	if got := setting("score_settings", "normalisation"); got != analysis.RankNorm {
		t.Errorf("normalisation after saving rank: %s", got)
	}
	if got := setting("classify_settings", "logodds"); got != string(qca.LogOddsFsQCA) {
		t.Errorf("log-odds after recomputing: %s, want the fsqca the labels were made with", got)
	}
	if got := setting("score_settings", "weights_file"); got != "weights.csv (method version 2)" {
		t.Errorf("weights file after saving a version: %s", got)
	}

	o := &analysis.Override{Area: "hanwell", Period: 2021, Label: "model 2", Rationale: "the groups run themselves", By: "P-0123456789"}
	res, err := SetOverride(ctx, st, "hanwell", 2021, o, o.By)
	if err != nil {
		t.Fatal(err)
	}
	labelled := false
	for _, c := range res.Classifications {
		if c.Area == "hanwell" && c.Period == 2021 {
			labelled = c.Label == "model 2" && c.OverrideBy == "P-0123456789"
		}
	}
	if !labelled {
		t.Error("the override set from the area page is not on hanwell's label")
	}
	v2, err := CurrentMethod(ctx, st.DB)
	if err != nil {
		t.Fatal(err)
	}
	if v2.Version != 3 || v2.Note != "label of hanwell 2021-22 set from the area page" || v2.Normalisation != analysis.RankNorm {
		t.Errorf("version after the override: %d %q %s", v2.Version, v2.Note, v2.Normalisation)
	}
	c := analysis.CompareMethods(m, v2, mustDefs(t))
	if len(c) != 1 || c[0].Setting != "override hanwell 2021-22" || c[0].Now != "model 2: the groups run themselves (by P-0123456789)" {
		t.Errorf("version 2 to 3: %q", c)
	}
	if _, err := SetOverride(ctx, st, "hanwell", 2021, nil, "P-0123456789"); err != nil {
		t.Fatal(err)
	}
	v3, err := CurrentMethod(ctx, st.DB)
	if err != nil {
		t.Fatal(err)
	}
	if v3.Version != 4 || !strings.Contains(v3.Note, "set back to the computed label") || len(analysis.CompareMethods(m, v3, mustDefs(t))) != 0 {
		t.Errorf("version after removing the override: %d %q", v3.Version, v3.Note)
	}
}
