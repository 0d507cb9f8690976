package web

import (
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/chromedp/chromedp"
)

// TestBrowserRecheck: a row quarantined for an area obs did not know loads
// when, after an areas return adds the area, the re-check button is pressed;
// the page says so and the returns page lists it no more.
func TestBrowserRecheck(t *testing.T) {
	chromium(t)
	st := emptyStore(t)
	_, ts, _ := testServer(t, st, Options{})
	ctx, problems := startBrowser(t, ts.URL)
	ctx = bounded(t, ctx)
	dir := t.TempDir()
	events := filepath.Join(dir, "newtown-events.csv")
	areas := filepath.Join(dir, "areas.csv")
	os.WriteFile(events, []byte("area,event_date,event,attendees\nbirchfield,2021-10-02,Fun day,40\nNewtown,2021-11-02,Litter pick,12\nbirchfield,2021-12-02,Meeting,twelve\n"), 0o644)
	os.WriteFile(areas, []byte("area_id,name\nnewtown,Newtown\n"), 0o644)
	upload := func(path string, waitFor string) {
		t.Helper()
		err := chromedp.Do(ctx,
			chromedp.Navigate(ts.URL+"/returns"),
			chromedp.WaitVisible(chromedp.ID("files")),
			chromedp.SetUploadFiles(chromedp.ID("files"), []string{path}),
			chromedp.Click(chromedp.CSS(`#upload button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(waitFor)),
		)
		if err != nil {
			t.Fatal(err)
		}
	}
	upload(events, "table.problems")
	upload(areas, "p.loaded")

	err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/returns"),
		chromedp.WaitVisible(chromedp.ID("quarantine")),
	)
	if err != nil {
		t.Fatal(err)
	}
	if got := text(t, ctx, "#quarantine"); !strings.Contains(text(t, ctx, "#quarantine table"), "Newtown") || !strings.Contains(got, "2 rows quarantined") {
		t.Fatalf("before the re-check the quarantine should list the Newtown row among 2:\n%s", got)
	}
	err = chromedp.Do(ctx,
		chromedp.Click(chromedp.CSS(`#recheck button[type=submit]`)),
		chromedp.WaitVisible(chromedp.ID("recheck-result")),
	)
	if err != nil {
		t.Fatal(err)
	}
	got := text(t, ctx, "main")
	screenshot(t, ctx, artifacts(t), "recheck")
	for _, want := range []string{"2 quarantined rows re-checked: 1 loaded, 1 still quarantined.", "newtown-events.csv"} {
		if !strings.Contains(got, want) {
			t.Errorf("the re-check page does not say %q:\n%s", want, got)
		}
	}
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/returns"), chromedp.WaitVisible(chromedp.ID("quarantine"))); err != nil {
		t.Fatal(err)
	}
	q := text(t, ctx, "#quarantine")
	if strings.Contains(text(t, ctx, "#quarantine table"), "Newtown") || !strings.Contains(q, "twelve") || !strings.Contains(q, "1 row quarantined") {
		t.Errorf("after the re-check the quarantine should list only the row with \"twelve\":\n%s", q)
	}
	var n int
	if err := st.DB.QueryRow("SELECT count(*) FROM events WHERE area_id = 'newtown' AND load_id = 1 AND source_row = 3").Scan(&n); err != nil || n != 1 {
		t.Errorf("the Newtown row is not loaded with its load and row: %d (%v)", n, err)
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("the browser reported:\n%s", strings.Join(p, "\n"))
	}
}
