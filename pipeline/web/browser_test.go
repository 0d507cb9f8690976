package web

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/cdproto/cdp"
	cdplog "github.com/chromedp/cdproto/log"
	"github.com/chromedp/cdproto/network"
	"github.com/chromedp/cdproto/runtime"
	"github.com/chromedp/chromedp"
	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/store"
)

// chromium returns Chromium's path. Without one the browser tests are
// skipped, except in CI (CI=true), where they fail: there they must run.
func chromium(t *testing.T) string {
	t.Helper()
	for _, name := range []string{os.Getenv("OBS_CHROMIUM"), "chromium", "chromium-browser", "google-chrome", "headless_shell"} {
		if name == "" {
			continue
		}
		if p, err := exec.LookPath(name); err == nil {
			return p
		}
	}
	if os.Getenv("CI") == "true" {
		t.Fatal("Chromium is not installed, and CI must run the browser tests: apt-get install chromium")
	}
	t.Skip("Chromium is not installed; the browser tests run in CI")
	return ""
}

// startBrowser starts a headless Chromium with a fresh profile. Console
// errors, exceptions and browser log errors (a CSP violation, a script
// error) are collected in the returned list; every request that leaves the
// test server too.
func startBrowser(t *testing.T, base string) (context.Context, func() []string) {
	path := chromium(t)
	opts := append(chromedp.DefaultExecAllocatorOptions[:],
		chromedp.ExecPath(path),
		chromedp.NoSandbox,
		chromedp.DisableGPU,
		chromedp.UserDataDir(t.TempDir()),
		chromedp.Flag("disable-background-networking", true),
		chromedp.Flag("disable-component-update", true),
		chromedp.Flag("disable-sync", true),
		chromedp.Flag("no-first-run", true),
		chromedp.WindowSize(1280, 1000),
	)
	actx, acancel := chromedp.NewExecAllocator(context.Background(), opts...)
	ctx, cancel := chromedp.NewContext(actx)
	ctx, tcancel := context.WithTimeout(ctx, 3*time.Minute)
	t.Cleanup(func() { tcancel(); cancel(); acancel() })
	var mu sync.Mutex
	var problems []string
	add := func(s string) { mu.Lock(); problems = append(problems, s); mu.Unlock() }
	err := chromedp.Listen(ctx, func(ev any) {
		switch e := ev.(type) {
		case *network.EventRequestWillBeSent:
			if u := e.Request.URL; !strings.HasPrefix(u, base) && !strings.HasPrefix(u, "data:") && u != "about:blank" {
				add("request beyond the server: " + u)
			}
		case *runtime.EventConsoleAPICalled:
			if t := string(e.Type); t == "error" || t == "warning" || t == "assert" {
				var parts []string
				for _, a := range e.Args {
					parts = append(parts, string(a.Value)+a.Description)
				}
				add("console " + t + ": " + strings.Join(parts, " "))
			}
		case *runtime.EventExceptionThrown:
			add("exception: " + e.ExceptionDetails.Text)
		case *cdplog.EventEntryAdded:
			if e.Entry.Level == cdplog.EntryLevelError || e.Entry.Level == cdplog.EntryLevelWarning {
				add(fmt.Sprintf("browser %s: %s %s", e.Entry.Level, e.Entry.Text, e.Entry.URL))
			}
		}
	})
	if err != nil {
		t.Fatalf("starting Chromium: %v", err)
	}
	for _, call := range []func() error{
		func() error { _, err := chromedp.Call(ctx, network.Enable, network.EnableParams{}); return err },
		func() error { _, err := chromedp.Call(ctx, cdplog.Enable, cdp.Empty{}); return err },
		func() error { _, err := chromedp.Call(ctx, runtime.Enable, cdp.Empty{}); return err },
	} {
		if err := call(); err != nil {
			t.Fatalf("starting Chromium: %v", err)
		}
	}
	return ctx, func() []string {
		mu.Lock()
		defer mu.Unlock()
		return append([]string(nil), problems...)
	}
}

// artifacts is where screenshots go: $OBS_ARTIFACTS, else a test folder.
func artifacts(t *testing.T) string {
	if d := os.Getenv("OBS_ARTIFACTS"); d != "" {
		if err := os.MkdirAll(d, 0o755); err != nil {
			t.Fatal(err)
		}
		return d
	}
	return t.TempDir()
}

func screenshot(t *testing.T, ctx context.Context, dir, name string) {
	t.Helper()
	// A whole page up to 4,000 px high; beyond that (an area page with its
	// pack shown at full height) what the window shows: a PNG of the whole
	// would take longer than the test's bound to encode.
	h, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`document.documentElement.scrollHeight`))
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	shot := chromedp.FullScreenshot(100) // 100: PNG; less is JPEG
	if h > 4000 {
		shot = chromedp.CaptureScreenshot()
	}
	png, err := chromedp.Run(ctx, shot)
	if err != nil {
		t.Errorf("screenshot %s: %v", name, err)
		return
	}
	path := filepath.Join(dir, "web-"+name+".png")
	if err := os.WriteFile(path, png, 0o644); err != nil {
		t.Fatal(err)
	}
	t.Logf("screenshot: %s", path)
}

// faultyWorkbook writes an events return for Hanwell with one planted fault:
// "twelve" attendees in row 3.
func faultyWorkbook(t *testing.T, path string) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Events")
	rows := [][]any{
		{"Area", "Event date", "Event", "Event type", "Attendees", "Resident attendees"},
		{"Hanwell", "2021-05-01", "Spring fair", "fair", 120, 95},
		{"Hanwell", "2021-06-12", "Litter pick", "volunteering", "twelve", 10},
		{"Hanwell", "2021-07-03", "Summer picnic", "social", 80, 70},
	}
	for i, r := range rows {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Events", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}

// count runs a query that counts.
func count(t *testing.T, st *store.Store, q string) int {
	t.Helper()
	var n int
	if err := st.DB.QueryRow(q).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

// bounded limits a step of the browser test to 30 seconds.
func bounded(t *testing.T, ctx context.Context) context.Context {
	ctx, cancel := context.WithTimeout(ctx, 30*time.Second)
	t.Cleanup(cancel)
	return ctx
}

// text is the text of the first element sel finds.
func text(t *testing.T, ctx context.Context, sel string) string {
	t.Helper()
	s, err := chromedp.Run(ctx, chromedp.Text(chromedp.CSS(sel)))
	if err != nil {
		t.Fatalf("reading %s: %v", sel, err)
	}
	return s
}

// waitDownload waits for a finished download in dir and returns its bytes.
func waitDownload(t *testing.T, dir string) []byte {
	_, b := waitDownloadNamed(t, dir, "")
	return b
}

// waitDownloadNamed waits for a finished download in dir whose name ends
// with suffix, and returns its name and bytes.
func waitDownloadNamed(t *testing.T, dir, suffix string) (string, []byte) {
	t.Helper()
	deadline := time.Now().Add(20 * time.Second)
	for time.Now().Before(deadline) {
		ents, _ := os.ReadDir(dir)
		for _, e := range ents {
			if !strings.HasSuffix(e.Name(), ".crdownload") && strings.HasSuffix(e.Name(), suffix) {
				if b, err := os.ReadFile(filepath.Join(dir, e.Name())); err == nil && len(b) > 0 {
					return e.Name(), b
				}
			}
		}
		time.Sleep(50 * time.Millisecond)
	}
	t.Fatal("the download did not finish")
	return "", nil
}

func TestBrowser(t *testing.T) {
	chromium(t)
	st := sampleStore(t)
	_, ts, _ := testServer(t, st, Options{})
	ctx, problems := startBrowser(t, ts.URL)
	shots := artifacts(t)

	t.Run("upload shows the quarantined row", func(t *testing.T) {
		ctx := bounded(t, ctx)
		book := filepath.Join(t.TempDir(), "hanwell-events.xlsx")
		faultyWorkbook(t, book)
		err := chromedp.Do(ctx,
			chromedp.Navigate(ts.URL+"/returns"),
			chromedp.WaitVisible(chromedp.ID("files")),
			chromedp.SetUploadFiles(chromedp.ID("files"), []string{book}),
			chromedp.Click(chromedp.CSS(`#upload button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`form.choice-form`)),
		)
		if err != nil {
			t.Fatal(err)
		}
		// The sample has Hanwell's 2021-22 events from another return: the
		// page asks, with the counts, and nothing is loaded until it is told.
		before := count(t, st, "SELECT count(*) FROM events WHERE area_id = 'hanwell' AND period = 2021")
		got := text(t, ctx, "main")
		screenshot(t, ctx, shots, "upload-choice")
		for _, want := range []string{"Hanwell 2021-22 already has " + fmt.Sprint(before) + " events from hanwell-2021-22.xlsx (load ",
			"Add these 2", fmt.Sprintf("Replace those %d with these 2", before)} {
			if !strings.Contains(got, want) {
				t.Errorf("upload page does not say %q:\n%s", want, got)
			}
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form.choice-form button[value=add]`)), chromedp.WaitVisible(chromedp.CSS(`table.problems`))); err != nil {
			t.Fatal(err)
		}
		if n := count(t, st, "SELECT count(*) FROM events WHERE area_id = 'hanwell' AND period = 2021"); n != before+2 {
			t.Errorf("after Add, Hanwell has %d events in 2021-22, want %d + 2", n, before)
		}
		got = text(t, ctx, "main")
		screenshot(t, ctx, shots, "upload")
		for _, want := range []string{"hanwell-events.xlsx", "2 rows loaded", "1 row quarantined", "Events!E3", `"twelve" is not a number`} {
			if !strings.Contains(got, want) {
				t.Errorf("upload page does not say %q:\n%s", want, got)
			}
		}
	})

	t.Run("drag and drop", func(t *testing.T) {
		ctx := bounded(t, ctx)
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/returns"), chromedp.WaitVisible(chromedp.ID("drop"))); err != nil {
			t.Fatal(err)
		}
		// What a drop from the desktop delivers: a DataTransfer holding a file.
		drop := `(() => {
			const dt = new DataTransfer();
			dt.items.add(new File(["area,month,hours\nWestfield,2021-05,6\nNowhere,2021-06,2\n"], "westfield-volunteering.csv", {type: "text/csv"}));
			document.getElementById("drop").dispatchEvent(new DragEvent("drop", {dataTransfer: dt, bubbles: true, cancelable: true}));
			return true;
		})()`
		if err := chromedp.Do(ctx, chromedp.Evaluate[chromedp.Void](drop), chromedp.WaitVisible(chromedp.CSS(`form.choice-form`)),
			chromedp.Click(chromedp.CSS(`form.choice-form button[value=add]`)), chromedp.WaitVisible(chromedp.CSS(`table.problems`))); err != nil {
			t.Fatal(err)
		}
		got := text(t, ctx, "main")
		screenshot(t, ctx, shots, "drop")
		for _, want := range []string{"westfield-volunteering.csv", "1 row loaded", "1 row quarantined", `"Nowhere" is not a known area`} {
			if !strings.Contains(got, want) {
				t.Errorf("after the drop the page does not say %q:\n%s", want, got)
			}
		}
	})

	t.Run("upload asks add or replace, and replaces", func(t *testing.T) {
		ctx := bounded(t, ctx)
		csv := filepath.Join(t.TempDir(), "westfield-events-extra.csv")
		if err := os.WriteFile(csv, []byte("area,event date,event,attendees\nWestfield,2021-05-08,Fun day,70\nWestfield,2021-06-19,Walk,12\n"), 0o600); err != nil {
			t.Fatal(err)
		}
		before := count(t, st, "SELECT count(*) FROM events WHERE area_id = 'westfield' AND period = 2021")
		loads := count(t, st, "SELECT count(*) FROM loads")
		err := chromedp.Do(ctx,
			chromedp.Navigate(ts.URL+"/returns"),
			chromedp.WaitVisible(chromedp.ID("files")),
			chromedp.SetUploadFiles(chromedp.ID("files"), []string{csv}),
			chromedp.Click(chromedp.CSS(`#upload button[type=submit]`)),
			chromedp.WaitVisible(chromedp.CSS(`form.choice-form`)),
		)
		if err != nil {
			t.Fatal(err)
		}
		if n := count(t, st, "SELECT count(*) FROM loads"); n != loads {
			t.Errorf("a file waiting for a choice was loaded: %d loads, were %d", n, loads)
		}
		want := fmt.Sprintf("Replace those %d with these 2", before)
		if got := text(t, ctx, "form.choice-form button[value=replace]"); got != want {
			t.Errorf("the replace button says %q, want %q", got, want)
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`form.choice-form button[value=replace]`)), chromedp.WaitVisible(chromedp.CSS(`p.replaced`))); err != nil {
			t.Fatal(err)
		}
		screenshot(t, ctx, shots, "upload-replaced")
		got := text(t, ctx, "main")
		want = fmt.Sprintf("Replaces %d events of Westfield 2021-22 from westfield-2021-22.xlsx (load ", before)
		if !strings.Contains(got, want) || !strings.Contains(got, ") with 2 (replace was chosen)") {
			t.Errorf("the results do not say %q ... with 2 (replace was chosen):\n%s", want, got)
		}
		if n := count(t, st, "SELECT count(*) FROM events WHERE area_id = 'westfield' AND period = 2021"); n != 2 {
			t.Errorf("after Replace, Westfield has %d events in 2021-22, want 2", n)
		}
	})

	t.Run("area charts", func(t *testing.T) {
		ctx := bounded(t, ctx)
		err := chromedp.Do(ctx,
			chromedp.Navigate(ts.URL+"/area/westfield"),
			chromedp.WaitVisible(chromedp.CSS(`svg.chart`)),
		)
		if err != nil {
			t.Fatal(err)
		}
		sizes, err := chromedp.Run(ctx, chromedp.Evaluate[[]float64](`Array.from(document.querySelectorAll('main svg.chart')).map(s => { const r = s.getBoundingClientRect(); return r.width * r.height; })`))
		if err != nil {
			t.Fatal(err)
		}
		screenshot(t, ctx, shots, "area")
		if len(sizes) < 3 {
			t.Fatalf("%d charts on the area page, want a strip per definition and the models", len(sizes))
		}
		for i, a := range sizes {
			if a <= 0 {
				t.Errorf("chart %d has no size", i)
			}
		}
		frame, err := chromedp.Run(ctx, chromedp.Evaluate[float64](`(() => { const f = document.getElementById('pack-frame'); f.scrollIntoView(); const r = f.getBoundingClientRect(); return r.width * r.height; })()`))
		if err != nil || frame <= 0 {
			t.Errorf("the pack's frame has no size (%v)", err)
		}
		// The pack is shown at its own height: the page scrolls, the frame
		// does not.
		if _, err := chromedp.Run(ctx, chromedp.Poll[bool](`document.getElementById('pack-frame').classList.contains('fitted')`, chromedp.WithPollingTimeout(10*time.Second))); err != nil {
			t.Errorf("the pack's frame was not fitted to the pack: %v", err)
		}
		sizes, err = chromedp.Run(ctx, chromedp.Evaluate[[]float64](`(() => { const f = document.getElementById('pack-frame'); const d = f.contentDocument.documentElement; return [f.clientHeight, d.scrollHeight, d.clientHeight, window.innerHeight]; })()`))
		if err != nil || len(sizes) != 4 {
			t.Fatalf("the pack frame's sizes: %v %v", sizes, err)
		}
		if sizes[1] > sizes[2]+1 || sizes[0] <= sizes[3] {
			t.Errorf("the pack scrolls inside its frame: frame %v px high, pack %v px in a %v px view, window %v px", sizes[0], sizes[1], sizes[2], sizes[3])
		}
	})

	t.Run("saved query with a parameter, downloads named for it with their record", func(t *testing.T) {
		ctx := bounded(t, ctx)
		dl := t.TempDir()
		yes := true
		if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
			Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dl, EventsEnabled: &yes}); err != nil {
			t.Fatal(err)
		}
		err := chromedp.Do(ctx,
			chromedp.Navigate(ts.URL+"/queries/compare_areas"),
			chromedp.WaitVisible(chromedp.ID("p_definition")),
			chromedp.SetValue(chromedp.ID("p_definition"), "volunteering"),
			chromedp.Submit(chromedp.ID("p_definition")),
			chromedp.WaitVisible(chromedp.CSS(`table.result`)),
		)
		if err != nil {
			t.Fatal(err)
		}
		got := text(t, ctx, "table.result")
		screenshot(t, ctx, shots, "query")
		if !strings.Contains(strings.ToLower(got), "volunteer") {
			t.Errorf("the result is not about volunteering:\n%s", clipText(got, 500))
		}
		if err := chromedp.Do(ctx, chromedp.Click(chromedp.CSS(`a[href*="format=csv"]`))); err != nil {
			t.Fatal(err)
		}
		name, raw := waitDownloadNamed(t, dl, ".csv")
		b := string(raw)
		var lines, record []string
		for _, l := range strings.Split(strings.TrimSpace(b), "\n") {
			if strings.HasPrefix(l, "#") {
				record = append(record, l)
			} else {
				lines = append(lines, l)
			}
		}
		if name != "compare_areas_definition-volunteering.csv" {
			t.Errorf("the download is called %q, want compare_areas_definition-volunteering.csv", name)
		}
		if len(lines) < 16 || !strings.Contains(lines[0], "area") || !strings.Contains(b, "Hanwell") {
			t.Errorf("downloaded CSV: %d lines:\n%s", len(lines), clipText(b, 400))
		}
		rec := strings.Join(record, "\n")
		for _, want := range []string{"# Query: compare_areas", "# Parameter definition: volunteering", "# Data checksum (SHA-256): ", "# Synthetic data: ", "# SQL: "} {
			if !strings.Contains(rec, want) {
				t.Errorf("the CSV's record lacks %q:\n%s", want, rec)
			}
		}
		if !strings.Contains(strings.ToLower(b), "volunteer") {
			t.Errorf("the CSV does not hold the volunteering figures:\n%s", clipText(b, 400))
		}
	})

	t.Run("overview, compare, console, keyboard", func(t *testing.T) {
		ctx := bounded(t, ctx)
		err := chromedp.Do(ctx,
			chromedp.Navigate(ts.URL+"/"),
			chromedp.WaitVisible(chromedp.ID("overview")),
			chromedp.KeyEvent("\t"),
		)
		if err != nil {
			t.Fatal(err)
		}
		focused, err := chromedp.Run(ctx, chromedp.Evaluate[string](`document.activeElement.textContent`))
		if err != nil {
			t.Fatal(err)
		}
		screenshot(t, ctx, shots, "overview")
		if !strings.Contains(focused, "Skip to content") {
			t.Errorf("first Tab lands on %q, want the skip link", focused)
		}
		if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/compare?def=turnout&norm=value"), chromedp.WaitVisible(chromedp.CSS(`svg.chart`))); err != nil {
			t.Fatal(err)
		}
		bars, err := chromedp.Run(ctx, chromedp.Evaluate[int](`Array.from(document.querySelectorAll('svg.chart path')).filter(p => /^#[0-9A-Fa-f]{6}$/.test(p.getAttribute('fill'))).length`))
		if err != nil {
			t.Fatal(err)
		}
		screenshot(t, ctx, shots, "compare")
		if bars == 0 {
			t.Errorf("no bars on the compare chart")
		}
		err = chromedp.Do(ctx,
			chromedp.Navigate(ts.URL+"/console"),
			chromedp.WaitVisible(chromedp.ID("sql")),
			chromedp.SetValue(chromedp.ID("sql"), "SELECT count(*) AS n FROM areas"),
			chromedp.Focus(chromedp.ID("sql")),
			chromedp.KeyEvent("\r", chromedp.KeyModifiers(chromedp.ModifierCtrl)),
			chromedp.WaitVisible(chromedp.CSS(`table.result`)),
		)
		if err != nil {
			t.Fatal(err)
		}
		result := text(t, ctx, "table.result tbody")
		screenshot(t, ctx, shots, "console")
		if strings.TrimSpace(result) != "15" {
			t.Errorf("console: %q, want 15", result)
		}
	})

	if p := problems(); len(p) > 0 {
		t.Errorf("the browser reported problems (CSP violations, script errors, requests elsewhere):\n%s", strings.Join(p, "\n"))
	}
}
