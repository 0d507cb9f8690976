package web

import (
	"context"
	"encoding/json"
	"strings"
	"testing"
	"time"

	"github.com/chromedp/chromedp"
)

// TestMethodInTheBrowser: an evaluator edits a weight and an anchor on the
// Method page, previews, saves, sees the scores and a label change on the
// overview once the results are made again, and restores the earlier
// version to see them back.
func TestMethodInTheBrowser(t *testing.T) {
	chromium(t)
	st := sampleStore(t)
	srv, ts, _ := testServer(t, st, Options{User: "Ann Evaluator"})
	ctx, problems := startBrowser(t, ts.URL)
	shots := artifacts(t)

	// Edit and preview (two computations of the results: a longer bound
	// than a page's, for a busy machine).
	step, cancel := context.WithTimeout(ctx, 2*time.Minute)
	defer cancel()
	err := chromedp.Do(step,
		chromedp.Navigate(ts.URL+"/"),
		chromedp.Click(chromedp.CSS(`nav a[href="/method"]`)),
		chromedp.WaitVisible(chromedp.ID("method-form")),
		chromedp.SetValue(chromedp.CSS(`input[name="w.turnout"]`), methodEdit.Get("w.turnout")),
		chromedp.SetValue(chromedp.CSS(`input[name="a.0.cross"]`), methodEdit.Get("a.0.cross")),
		chromedp.Click(chromedp.ID("method-preview")),
		chromedp.WaitVisible(chromedp.ID("preview")),
	)
	if err != nil {
		t.Fatal(err)
	}
	screenshot(t, step, shots, "method-preview")
	// The first area that moves and the first label that changes, as the
	// page lists them: [area, year, rank was, rank now, composite was,
	// composite now] and [area, year, was, now].
	move := firstRow(t, step, "#preview-moves")
	label := firstRow(t, step, "#preview-labels")
	if len(move) != 6 || len(label) != 4 || move[2] == move[3] || label[2] == label[3] {
		t.Fatalf("the preview lists a move %v and a label change %v", move, label)
	}
	kept, err := chromedp.Run(step, chromedp.Evaluate[string](`document.querySelector('input[name="w.turnout"]').value`))
	if err != nil || kept != "3" {
		t.Errorf("after the preview the weight reads %q (%v)", kept, err)
	}

	// Save; the page follows the recompute and reloads when it ends.
	step = bounded(t, ctx)
	err = chromedp.Do(step,
		chromedp.SetValue(chromedp.ID("note"), "turnout three times; model 1 from half the decisions"),
		chromedp.Click(chromedp.ID("method-save")),
		chromedp.WaitVisible(chromedp.ID("method-done")),
	)
	if err != nil {
		t.Fatal(err)
	}
	step = waitSettled(t, ctx, srv)
	if got := text(t, step, "#method-current"); !strings.Contains(got, "version 2") || !strings.Contains(got, "turnout three times") {
		t.Errorf("the Method page says %q, want version 2 with its note", got)
	}
	checkOverview(t, ctx, ts.URL, move, 3, 5)
	checkOverview(t, ctx, ts.URL, label, -1, 3)
	screenshot(t, ctx, shots, "method-saved-overview")

	// Restore the earlier version: the figures are back.
	step = bounded(t, ctx)
	err = chromedp.Do(step,
		chromedp.Navigate(ts.URL+"/method"),
		chromedp.WaitVisible(chromedp.ID("versions")),
		chromedp.Click(chromedp.CSS(`#versions button`)), // the only one: version 1, as version 2 is in use
		chromedp.WaitVisible(chromedp.ID("method-done")),
	)
	if err != nil {
		t.Fatal(err)
	}
	step = waitSettled(t, ctx, srv)
	if got := text(t, step, "#method-done"); !strings.Contains(got, "Version 1 restored, as version 3") {
		t.Errorf("after restoring the page says %q", got)
	}
	checkOverview(t, ctx, ts.URL, move, 2, 4)
	checkOverview(t, ctx, ts.URL, label, -1, 2)
	if p := problems(); len(p) > 0 {
		t.Errorf("the browser reported problems:\n%s", strings.Join(p, "\n"))
	}
}

// firstRow is the text of the cells of the first row of a table's body.
func firstRow(t *testing.T, ctx context.Context, table string) []string {
	t.Helper()
	cells, err := chromedp.Run(ctx, chromedp.Evaluate[[]string](`Array.from(document.querySelectorAll('`+table+` tbody tr:first-child > *')).map(c => c.textContent.trim())`))
	if err != nil {
		t.Fatalf("reading %s: %v", table, err)
	}
	return cells
}

// waitSettled waits for the server's recompute to end and the page to have
// reloaded itself (no banner saying it runs); it returns a fresh step's
// context (the recompute may take longer than a step).
func waitSettled(t *testing.T, ctx context.Context, srv *Server) context.Context {
	t.Helper()
	waitIdle(t, srv)
	step := bounded(t, ctx)
	for end := time.Now().Add(20 * time.Second); time.Now().Before(end); time.Sleep(200 * time.Millisecond) {
		if ok, _ := chromedp.Run(step, chromedp.Evaluate[bool](`document.readyState === 'complete' && document.getElementById('recomputing') === null && document.getElementById('method-done') !== null`)); ok {
			return step
		}
	}
	t.Fatal("the page did not update itself after the recompute")
	return nil
}

// checkOverview opens the overview in the row's year and checks the row of
// the row's area: its rank (when rank >= 0, the cell at that index of row)
// and its composite or label (the cell at index value of row).
func checkOverview(t *testing.T, ctx context.Context, base string, row []string, rank, value int) {
	t.Helper()
	step := bounded(t, ctx)
	name, _ := json.Marshal(row[0])
	if err := chromedp.Do(step, chromedp.Navigate(base+"/?period="+row[1]), chromedp.WaitVisible(chromedp.ID("overview"))); err != nil {
		t.Fatal(err)
	}
	cells, err := chromedp.Run(step, chromedp.Evaluate[[]string](`(() => { for (const tr of document.querySelectorAll('#overview tbody tr')) { const a = tr.querySelector('th a'); if (a && a.textContent.trim() === `+string(name)+`) return Array.from(tr.children).map(c => c.textContent.trim()); } return []; })()`))
	if err != nil || len(cells) < 5 {
		t.Fatalf("no row of %s on the overview of %s (%v)", row[0], row[1], err)
	}
	// Overview: area, composite, rank, interval, leadership model, ...
	if rank >= 0 && !strings.HasPrefix(cells[2], row[rank]+" of ") {
		t.Errorf("%s %s: the overview ranks it %q, want %s", row[0], row[1], cells[2], row[rank])
	}
	want, got := row[value], cells[1]
	if rank < 0 {
		got = cells[4]
	}
	if !strings.HasPrefix(got, want) {
		t.Errorf("%s %s: the overview shows %q, want %s", row[0], row[1], got, want)
	}
}
