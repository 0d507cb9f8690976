package web

import (
	"context"
	"encoding/json"
	"net/url"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestPagesFollowRecompute: while the scores and labels are recomputed, a
// page says what the recompute is doing, and reloads itself when it ends
// (no banner asking to reload); /state.json says the same for scripts.
func TestPagesFollowRecompute(t *testing.T) {
	chromium(t)
	st := sampleStore(t)
	srv, ts, c := testServer(t, st, Options{})
	// Hold the server's write lock: the recompute computes, then waits to
	// write, at its second step, until the test lets it go.
	srv.writeMu.Lock()
	locked := true
	defer func() {
		if locked {
			srv.writeMu.Unlock()
		}
	}()
	_, page := get(t, c, ts.URL+"/console") // a form with the CSRF token
	resp, err := c.PostForm(ts.URL+"/recompute", url.Values{"csrf": {csrfFrom(t, page)}, "back": {"/compare"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	state := func() map[string]any {
		_, b := get(t, c, ts.URL+"/state.json")
		var m map[string]any
		if err := json.Unmarshal([]byte(b), &m); err != nil {
			t.Fatalf("/state.json: %v %q", err, b)
		}
		return m
	}
	deadline := time.Now().Add(60 * time.Second)
	for !strings.HasPrefix(state()["stage"].(string), "step 2 of 2") {
		if time.Now().After(deadline) {
			t.Fatalf("the recompute never reached its second step: %v", state())
		}
		time.Sleep(100 * time.Millisecond)
	}
	if s := state(); s["running"] != true {
		t.Fatalf("state while writing: %v", s)
	}

	ctx, problems := startBrowser(t, ts.URL)
	ctx = bounded(t, ctx)
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/compare"), chromedp.WaitVisible(chromedp.ID("recomputing"))); err != nil {
		t.Fatal(err)
	}
	banner := text(t, ctx, "#recomputing")
	if !strings.Contains(banner, "step 2 of 2: writing them") || !strings.Contains(banner, "This page updates itself") {
		t.Errorf("the banner while recomputing: %q", banner)
	}
	srv.writeMu.Unlock()
	locked = false
	// The page reloads itself: the banner goes, with no click. (While it
	// reloads, the browser answers that the page navigated: ask again.)
	gone := false
	for end := time.Now().Add(20 * time.Second); !gone && time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
		gone, _ = chromedp.Run(ctx, chromedp.Evaluate[bool](`document.readyState === 'complete' && document.getElementById('recomputing') === null && document.querySelector('main h1') !== null`))
	}
	if !gone {
		t.Fatalf("the page did not update itself after the recompute")
	}
	wctx, cancel := context.WithTimeout(context.Background(), 30*time.Second)
	defer cancel()
	if err := srv.WaitIdle(wctx); err != nil {
		t.Fatal(err)
	}
	if s := state(); s["running"] != false || s["stage"] != "" {
		t.Errorf("state after the recompute: %v", s)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("browser problems: %v", p)
	}
}
