package analysis_test

import (
	"context"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/ingest"
	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/sample"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

// loadSample writes the sample returns for o, ingests them into a new
// database and returns it.
func loadSample(t testing.TB, o sample.Options) *store.Store {
	t.Helper()
	dir := t.TempDir()
	if _, err := sample.Write(filepath.Join(dir, "returns"), o); err != nil {
		t.Fatal(err)
	}
	kr, err := privacy.Open(filepath.Join(dir, "key"))
	if err != nil {
		t.Fatal(err)
	}
	st, err := store.Open(context.Background(), filepath.Join(dir, "obs.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	files, err := ingest.Expand([]string{filepath.Join(dir, "returns")})
	if err != nil {
		t.Fatal(err)
	}
	for _, f := range files {
		r, err := ingest.File(context.Background(), st, f, ingest.Options{Keyring: kr, User: "test"})
		if err != nil {
			t.Fatal(err)
		}
		if r.Refused != nil {
			t.Fatalf("%s refused: %v", f, r.Refused)
		}
	}
	return st
}

// runAll scores and classifies with the defaults.
func runAll(t testing.TB, st *store.Store, draws int) (*analysis.ScoreResult, *analysis.ClassifyResult) {
	t.Helper()
	defs, err := analysis.LoadDefinitions(analysis.BuiltinDefinitions(), "")
	if err != nil {
		t.Fatal(err)
	}
	read := func(name string) *analysis.SourceFile {
		s, err := analysis.ReadSource("", name)
		if err != nil {
			t.Fatal(err)
		}
		return s
	}
	w := read("weights.csv")
	weights, err := analysis.ReadWeights(w.Name, w.Data, defs)
	if err != nil {
		t.Fatal(err)
	}
	r := read("rubric.csv")
	rubric, err := analysis.ReadRubric(r.Name, r.Data, r.Open)
	if err != nil {
		t.Fatal(err)
	}
	c := read("codebook.csv")
	codebook, err := analysis.ReadCodebook(c.Name, c.Data, defs.Names())
	if err != nil {
		t.Fatal(err)
	}
	f := read("facts.sql")
	var sr *analysis.ScoreResult
	var cr *analysis.ClassifyResult
	err = st.InTx(context.Background(), func(tx *store.Tx) error {
		var err error
		if sr, err = analysis.Score(context.Background(), tx.Conn, defs, analysis.ScoreOptions{Weights: weights, Seed: 1, Draws: draws}); err != nil {
			return err
		}
		if err := sr.Write(tx); err != nil {
			return err
		}
		cr, err = analysis.Classify(context.Background(), tx, defs.Helpers, analysis.ClassifyOptions{Rubric: rubric, Codebook: codebook,
			Facts: &analysis.Helper{File: f.Name, SQL: string(f.Data)}})
		if err != nil {
			return err
		}
		return cr.Write(tx)
	})
	if err != nil {
		t.Fatal(err)
	}
	return sr, cr
}

// TestSampleLeansFound: on the bundled sample, the default rubric finds the
// model each area was built to lean to in every period, and each built
// hybrid as that hybrid in most periods (a hybrid's first year may read as
// one of its two models: its groups have not yet gone independent).
func TestSampleLeansFound(t *testing.T) {
	o := sample.Options{}
	st := loadSample(t, o)
	_, cr := runAll(t, st, 100)
	lean := map[string]string{}
	for _, p := range sample.Profiles(o) {
		lean[p.ID] = p.Model
	}
	hybridHits, hybridPeriods := map[string]int{}, map[string]int{}
	for _, c := range cr.Classifications {
		want := lean[c.Area]
		if !strings.Contains(want, "+") {
			if c.Computed != "model "+want {
				t.Errorf("%s %s: built as model %s, classified %s (%.2f %.2f %.2f)", c.Area, schemas.Period(c.Period).String(), want, c.Computed, c.M[1], c.M[2], c.M[3])
			}
			continue
		}
		hybridPeriods[c.Area]++
		switch c.Computed {
		case "hybrid " + want:
			hybridHits[c.Area]++
		case "model " + want[:1], "model " + want[2:]:
			t.Logf("%s %s: built as hybrid %s, classified %s (%.2f %.2f %.2f)", c.Area, schemas.Period(c.Period).String(), want, c.Computed, c.M[1], c.M[2], c.M[3])
		default:
			t.Errorf("%s %s: built as hybrid %s, classified %s (%.2f %.2f %.2f)", c.Area, schemas.Period(c.Period).String(), want, c.Computed, c.M[1], c.M[2], c.M[3])
		}
	}
	if len(hybridPeriods) != 3 {
		t.Fatalf("%d hybrids in the sample, want 3", len(hybridPeriods))
	}
	for a, n := range hybridPeriods {
		if 2*hybridHits[a] <= n {
			t.Errorf("%s: hybrid in %d of %d periods, want most", a, hybridHits[a], n)
		}
	}
}
