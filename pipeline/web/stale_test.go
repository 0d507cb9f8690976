package web

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/ingest"
	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/steps"
)

// TestStaleBanner: returns loaded by another process while the server runs
// make every page say the scores and labels are older than the data; an
// upload says they are being recomputed, and once that ends the banner goes.
func TestStaleBanner(t *testing.T) {
	st := sampleStore(t)
	srv, ts, c := testServer(t, st, Options{})
	_, page := get(t, c, ts.URL+"/compare")
	if strings.Contains(page, "older than the data") || strings.Contains(page, "Recompute now") {
		t.Fatalf("a database analysed after its last load shows the stale banner")
	}
	// A return loaded as obs ingest would, not through the server.
	dir := t.TempDir()
	kr, err := privacy.Open(filepath.Join(dir, "key"))
	if err != nil {
		t.Fatal(err)
	}
	ctx := context.Background()
	// (A year the sample has no events for: there a different return would
	// ask whether to add or replace.)
	f := filepath.Join(dir, "hanwell-fair.csv")
	if err := os.WriteFile(f, []byte("area,period,event date,event,attendees\nhanwell,2023-24,2023-07-01,Summer fair,120\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	if _, err := steps.Load(ctx, st, []string{f}, ingest.Options{Keyring: kr, User: "test"}, nil); err != nil {
		t.Fatal(err)
	}
	// obs ingest leaves the reading copy behind it as it closes the database.
	if err := st.Publish(ctx); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/", "/compare", "/area/hanwell", "/returns"} {
		_, page := get(t, c, ts.URL+path)
		mustContain(t, path+" after a load", page,
			"Scores and leadership labels are older than the data: 1 return loaded since.", "Recompute now")
	}
	// An upload through the server recomputes.
	files := map[string][]byte{"birchfield-walk.csv": []byte("area,period,event date,event,attendees\nbirchfield,2023-24,2023-07-02,Walk,30\n")}
	_, page = postFiles(t, c, ts.URL, files, "birchfield-walk.csv")
	mustContain(t, "upload page", page, "being recomputed")
	wait, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	if err := srv.WaitIdle(wait); err != nil {
		t.Fatal(err)
	}
	for _, path := range []string{"/", "/compare", "/returns"} {
		_, page := get(t, c, ts.URL+path)
		if strings.Contains(page, "older than the data") || strings.Contains(page, "being recomputed") {
			t.Errorf("%s still shows the banner after the recompute", path)
		}
	}
}
