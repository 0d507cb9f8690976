package steps

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/ingest"
	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

func TestStale(t *testing.T) {
	for _, tt := range []struct {
		name  string
		state State
		want  bool
	}{
		{"nothing loaded", State{}, false},
		{"loaded, never analysed", State{Loads: 1, LastLoadAt: "2026-01-01T10:00:00Z"}, true},
		{"analysed after the load", State{Loads: 1, LastLoadAt: "2026-01-01T10:00:00Z", ScoredAt: "2026-01-01T11:00:00Z", LabelledAt: "2026-01-01T11:00:01Z"}, false},
		{"scored, not labelled", State{Loads: 1, LastLoadAt: "2026-01-01T10:00:00Z", ScoredAt: "2026-01-01T11:00:00Z"}, true},
		{"loaded after the labels", State{Loads: 2, LastLoadAt: "2026-01-02T10:00:00Z", ScoredAt: "2026-01-02T11:00:00Z", LabelledAt: "2026-01-01T11:00:00Z"}, true},
	} {
		if got := tt.state.Stale(); got != tt.want {
			t.Errorf("%s: Stale() = %v, want %v", tt.name, got, tt.want)
		}
	}
}

// TestFingerprintFollowsTheData: the checksum is the same however often and
// by whichever connection it is read, and changes when returns are loaded;
// Load reports each file and Changed says whether anything new was stored.
func TestFingerprintFollowsTheData(t *testing.T) {
	ctx := context.Background()
	dir := t.TempDir()
	db := filepath.Join(dir, "obs.duckdb")
	st, err := store.Open(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	empty, err := Fingerprint(ctx, st.DB)
	if err != nil {
		t.Fatal(err)
	}
	kr, err := privacy.Open(filepath.Join(dir, "key"))
	if err != nil {
		t.Fatal(err)
	}
	csv := filepath.Join(dir, "events.csv")
	if err := os.WriteFile(csv, []byte("area,period,event date,event,attendees\nhanwell,2021-22,2021-05-01,Fair,40\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	var seen []string
	res, err := Load(ctx, st, []string{csv}, ingest.Options{Keyring: kr, User: "test"}, func(r *ingest.Result) { seen = append(seen, r.File) })
	if err != nil {
		t.Fatal(err)
	}
	if len(seen) != 1 || !Changed(res) || res[0].Loaded != 1 {
		t.Fatalf("Load: seen %v, changed %v, results %+v", seen, Changed(res), res[0])
	}
	loaded, err := Fingerprint(ctx, st.DB)
	if err != nil {
		t.Fatal(err)
	}
	if loaded == empty || len(loaded) != 64 {
		t.Errorf("fingerprint after a load %q, before %q: want a different SHA-256", loaded, empty)
	}
	again, err := Load(ctx, st, []string{csv}, ingest.Options{Keyring: kr, User: "test"}, nil)
	if err != nil {
		t.Fatal(err)
	}
	if Changed(again) {
		t.Error("loading the same file again counts as a change")
	}
	state, err := ReadState(ctx, st.DB)
	if err != nil {
		t.Fatal(err)
	}
	if state.Loads != 1 || !state.Stale() {
		t.Errorf("state after one load and no analysis: %+v, stale %v", state, state.Stale())
	}
	st.Close()
	ro, err := store.OpenReadOnly(ctx, db)
	if err != nil {
		t.Fatal(err)
	}
	defer ro.Close()
	if fp, err := Fingerprint(ctx, ro.DB); err != nil || fp != loaded {
		t.Errorf("read-only fingerprint %q (%v), want %q", fp, err, loaded)
	}
}

// TestRenderNotebooksShowsFailures: a notebook with a failing cell is still
// written, with its error, and the run says some cells failed.
func TestRenderNotebooksShowsFailures(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "obs.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	srcs := []Source{
		{File: "good.md", Data: []byte("# Areas\n\n```sql name=areas\nSELECT count(*) AS n FROM areas\n```\n")},
		{File: "bad.md", Data: []byte("# Broken\n\n```sql name=broken\nSELECT nothing FROM nowhere\n```\n")},
	}
	out := t.TempDir()
	done, err := RenderNotebooks(ctx, st.DB, srcs, nil, out, nil)
	if err == nil || !strings.Contains(err.Error(), "in 1 notebook") {
		t.Fatalf("RenderNotebooks: %v, want some cells failed in 1 notebook", err)
	}
	if len(done) != 2 || len(done[0].Errors) != 0 || len(done[1].Errors) != 1 {
		t.Fatalf("rendered %+v", done)
	}
	page, err := os.ReadFile(filepath.Join(out, "bad.html"))
	if err != nil || !strings.Contains(string(page), "nowhere") {
		t.Errorf("bad.html does not show the failing cell's error (%v)", err)
	}
}
