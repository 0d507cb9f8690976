package steps

import (
	"context"
	"os"
	"path/filepath"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/ingest"
)

func TestStalenessMessage(t *testing.T) {
	now := Lag{Made: true}
	two := Lag{Made: true, LoadsSince: 2, Changed: true}
	one := Lag{Made: true, LoadsSince: 1, Changed: true}
	rechecked := Lag{Made: true, Changed: true}
	for _, tt := range []struct {
		name string
		s    Staleness
		want string
	}{
		{"nothing loaded", Staleness{}, ""},
		{"up to date", Staleness{Loads: 3, Scores: now, Labels: now}, ""},
		{"never analysed", Staleness{Loads: 3}, "there are no scores or leadership labels yet; run obs build (or obs score and obs classify)"},
		{"both behind", Staleness{Loads: 3, Scores: two, Labels: two},
			"scores and leadership labels are older than the data: 2 returns loaded since; run obs build"},
		{"scores behind", Staleness{Loads: 3, Scores: two, Labels: now},
			"scores are older than the data: 2 returns loaded since; run obs score, or obs build"},
		{"labels behind", Staleness{Loads: 3, Scores: now, Labels: one},
			"leadership labels are older than the data: 1 return loaded since; run obs classify, or obs build"},
		{"labels never made", Staleness{Loads: 3, Scores: now},
			"there are no leadership labels yet; run obs classify, or obs build"},
		{"behind by different loads", Staleness{Loads: 3, Scores: two, Labels: one},
			"scores are older than the data: 2 returns loaded since; leadership labels are older than the data: 1 return loaded since; run obs build"},
		{"re-checked", Staleness{Loads: 3, Scores: rechecked, Labels: rechecked},
			"scores and leadership labels are older than the data: the returns changed since (rows replaced or re-checked); run obs build"},
	} {
		if got := tt.s.Message(); got != tt.want {
			t.Errorf("%s:\n got %q\nwant %q", tt.name, got, tt.want)
		}
	}
}

func TestReadsResults(t *testing.T) {
	for q, want := range map[string]bool{
		"SELECT * FROM scores":                          true,
		"select area_id from Classifications":           true,
		"SELECT * FROM events_history":                  false,
		"SELECT scores_total FROM my_view":              false,
		"SELECT count(*) FROM loads JOIN uncertainty u": true,
	} {
		if got := ReadsResults(q); got != want {
			t.Errorf("ReadsResults(%q) = %v, want %v", q, got, want)
		}
	}
}

// TestStalenessFollowsTheData: results recompute records the data they were
// made from; a load after them, or a change to the loads without one (as a
// re-check makes), makes them stale until they are made again.
func TestStalenessFollowsTheData(t *testing.T) {
	ctx := context.Background()
	dir, st, kr := storeAndKey(t)
	load := func(name, rows string) {
		t.Helper()
		f := filepath.Join(dir, name)
		if err := os.WriteFile(f, []byte("area,period,event date,event,attendees\n"+rows), 0o644); err != nil {
			t.Fatal(err)
		}
		if _, err := Load(ctx, st, []string{f}, ingest.Options{Keyring: kr, User: "test"}, nil); err != nil {
			t.Fatal(err)
		}
	}
	check := func(when, want string) {
		t.Helper()
		s, err := ReadStaleness(ctx, st.DB)
		if err != nil {
			t.Fatal(err)
		}
		if got := s.Message(); got != want {
			t.Errorf("%s:\n got %q\nwant %q", when, got, want)
		}
	}
	load("hanwell.csv", "hanwell,2021-22,2021-05-01,Fair,40\n")
	check("loaded, never analysed", "there are no scores or leadership labels yet; run obs build (or obs score and obs classify)")
	if err := Recompute(ctx, st); err != nil {
		t.Fatal(err)
	}
	check("after recomputing", "")
	load("birchfield.csv", "birchfield,2021-22,2021-06-01,Picnic,25\n")
	load("westfield.csv", "westfield,2021-22,2021-06-02,Walk,12\n")
	check("two returns later", "scores and leadership labels are older than the data: 2 returns loaded since; run obs build")
	if err := Recompute(ctx, st); err != nil {
		t.Fatal(err)
	}
	check("after recomputing again", "")
	if _, err := st.DB.ExecContext(ctx, "UPDATE loads SET rows_loaded = rows_loaded + 1 WHERE load_id = 1"); err != nil {
		t.Fatal(err)
	}
	check("a load changed", "scores and leadership labels are older than the data: the returns changed since (rows replaced or re-checked); run obs build")
}
