package web

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"regexp"
	"runtime"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/query"
	"github.com/xuri/excelize/v2"
)

// The resource limits, each tried as an attack on a running server while a
// probe checks that the server still answers a page within a second.

// probe fetches path every 100 ms until stop closes, and fails the test if
// any answer takes a second or more or is not 200.
func probe(t *testing.T, c *http.Client, base, path string, stop <-chan struct{}) func() time.Duration {
	t.Helper()
	var worst time.Duration
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			start := time.Now()
			resp, err := c.Get(base + path)
			d := time.Since(start)
			if err != nil {
				t.Errorf("probe %s: %v", path, err)
				return
			}
			io.Copy(io.Discard, resp.Body)
			resp.Body.Close()
			if resp.StatusCode != http.StatusOK || d >= time.Second {
				t.Errorf("probe %s during the attack: %d in %s; want 200 within 1s", path, resp.StatusCode, d)
			}
			worst = max(worst, d)
			select {
			case <-stop:
				return
			case <-time.After(100 * time.Millisecond):
			}
		}
	}()
	return func() time.Duration { <-done; return worst }
}

// consolePost sends SQL to the console as the form does.
func consolePost(t *testing.T, c *http.Client, base string, form url.Values) (*http.Response, string) {
	t.Helper()
	_, page := get(t, c, base+"/console")
	form.Set("csrf", csrfFrom(t, page))
	resp, err := c.PostForm(base+"/console", form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, err := io.ReadAll(io.LimitReader(resp.Body, 256<<20))
	if err != nil {
		t.Fatal(err)
	}
	if m := alertRE.FindStringSubmatch(string(b)); m != nil {
		t.Logf("the console says: %s", m[1])
	}
	return resp, string(b)
}

var alertRE = regexp.MustCompile(`role="alert">([^<]*)<`)

// TestConsoleLimitsHold: a gigabyte string, two of them at once, a page of
// long rows and a download of 200,000 long rows each stop at a limit with a
// message, and the pages keep answering meanwhile.
func TestConsoleLimitsHold(t *testing.T) {
	st := sampleStore(t)
	_, ts, c := testServer(t, st, Options{Sandbox: sandboxForTests()})
	get(t, c, ts.URL+"/") // the session cookie, and the overview cached
	stop := make(chan struct{})
	worst := probe(t, c, ts.URL, "/", stop)

	var wg sync.WaitGroup
	for i := 0; i < 2; i++ { // two at once
		wg.Add(1)
		go func() {
			defer wg.Done()
			start := time.Now()
			resp, body := consolePost(t, c, ts.URL, url.Values{"sql": {"SELECT repeat(chr(120), 1000000000)"}})
			t.Logf("a 1 GB string: %d in %s", resp.StatusCode, time.Since(start).Round(time.Millisecond))
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "memory") && !strings.Contains(body, "time limit") {
				t.Errorf("a 1 GB string: %d, %q; want it stopped by the memory or time limit", resp.StatusCode, clipText(body, 300))
			}
		}()
	}
	wg.Wait()

	resp, body := consolePost(t, c, ts.URL, url.Values{"sql": {"SELECT repeat(chr(120),100000) FROM range(1000)"}, "rows": {"1000"}})
	t.Logf("1,000 rows of 100 KB: %d, a page of %d KB", resp.StatusCode, len(body)>>10)
	if resp.StatusCode != http.StatusOK || len(body) > 3<<20 || !strings.Contains(body, "larger than a page shows") {
		t.Errorf("1,000 rows of 100 KB: %d, %d bytes; want a page under 3 MB that says it stops", resp.StatusCode, len(body))
	}

	// Downloads: 200,000 rows of 1 KB may meet the memory limit first; 200,000
	// rows of 200 bytes (40 MB) fit in memory and meet the size limit.
	for _, tc := range []struct{ sql, want string }{
		{"SELECT i, repeat(chr(120), 1000) AS x FROM range(200000) t(i)", ""},
		{"SELECT i, repeat(chr(120), 200) AS x FROM range(200000) t(i)", "larger than the console gives"},
	} {
		resp, body = consolePost(t, c, ts.URL, url.Values{"sql": {tc.sql}, "format": {"csv"}})
		t.Logf("%s as CSV: %d, %d KB", tc.sql, resp.StatusCode, len(body)>>10)
		said := strings.Contains(body, "larger than the console gives") || strings.Contains(body, "more memory")
		if resp.StatusCode != http.StatusUnprocessableEntity || strings.Contains(resp.Header.Get("Content-Disposition"), "attachment") ||
			!said || !strings.Contains(body, tc.want) {
			t.Errorf("%s as CSV: %d, %d bytes, %q; want a refusal that says it is too large", tc.sql, resp.StatusCode, len(body), clipText(body, 300))
		}
	}
	close(stop)
	t.Logf("slowest page during the attacks: %s", worst())
}

// TestConsoleDoesNotStarveSavedQueries: two console queries that run to the
// time limit leave the saved queries and the pages answering.
func TestConsoleDoesNotStarveSavedQueries(t *testing.T) {
	st := sampleStore(t)
	sbo := sandboxForTests()
	sbo.TimeLimit = 4 * time.Second
	_, ts, c := testServer(t, st, Options{Sandbox: sbo})
	get(t, c, ts.URL+"/")
	var wg sync.WaitGroup
	for i := 0; i < 2; i++ {
		wg.Add(1)
		go func() {
			defer wg.Done()
			resp, body := consolePost(t, c, ts.URL, url.Values{"sql": {"SELECT sum(range) FROM range(100000000000)"}})
			if resp.StatusCode != http.StatusUnprocessableEntity || !strings.Contains(body, "time limit") {
				t.Errorf("a slow console query: %d %q; want stopped at the time limit", resp.StatusCode, clipText(body, 200))
			}
		}()
	}
	time.Sleep(time.Second) // both are running
	for _, p := range []string{"/queries/areas?run=1", "/queries/models?run=1", "/"} {
		start := time.Now()
		code, body := get(t, c, ts.URL+p)
		d := time.Since(start)
		t.Logf("%s while two console queries run: %d in %s", p, code, d.Round(time.Millisecond))
		if code != http.StatusOK || strings.Contains(body, "too many queries") || d >= time.Second {
			t.Errorf("%s while the console is busy: %d in %s (%q); want 200 within 1s", p, code, d, clipText(body, 200))
		}
	}
	wg.Wait()
}

// sandboxForTests is the console's default limits with a time limit long
// enough for a busy machine to reach the others.
func sandboxForTests() query.SandboxOptions {
	return query.SandboxOptions{TimeLimit: 30 * time.Second}
}

// TestSavedQueryDownloadCapped: a saved query whose result is 200,000 rows
// of a few hundred bytes downloads, as CSV and as XLSX, as its first rows
// up to the download limit (4 MB here, 32 MB by default), with the file
// saying at its top that it is cut short; the server's heap grows by a
// bounded multiple of the limit, and the pages answer within a second.
func TestSavedQueryDownloadCapped(t *testing.T) {
	st := emptyStore(t)
	if _, err := st.DB.Exec(`INSERT INTO interview_codes_history (area_id, period, code, excerpt, source, load_id)
		SELECT 'test-area', 2021, 'Leadership/Test', repeat(chr(120), 200) || i, 'source ' || i, 1 FROM range(200000) t(i)`); err != nil {
		t.Fatal(err)
	}
	sbo := sandboxForTests()
	sbo.DownloadBytes = 4 << 20
	_, ts, c := testServer(t, st, Options{Sandbox: sbo})
	limit := sbo.DownloadBytes
	get(t, c, ts.URL+"/")
	stop := make(chan struct{})
	worst := probe(t, c, ts.URL, "/", stop)
	for _, format := range []string{"csv", "xlsx"} {
		done := make(chan struct{})
		peak := heapPeak(done)
		start := time.Now()
		resp, err := c.Get(ts.URL + "/queries/excerpts/download?format=" + format)
		if err != nil {
			t.Fatal(err)
		}
		body, err := io.ReadAll(resp.Body)
		resp.Body.Close()
		close(done)
		if err != nil {
			t.Fatal(err)
		}
		grew := peak()
		t.Logf("excerpts as %s: %d, %d KB in %s; the heap grew by at most %d MB", format, resp.StatusCode, len(body)>>10, time.Since(start).Round(time.Millisecond), grew>>20)
		if resp.StatusCode != http.StatusOK || int64(len(body)) > limit+limit/4 || format == "csv" && int64(len(body)) < limit*3/4 {
			t.Errorf("excerpts as %s: %d, %d bytes; want a file of the first %d MB of the result", format, resp.StatusCode, len(body), limit>>20)
		}
		if format == "csv" && !strings.Contains(clipText(string(body), 4000), "# Cut short: this file holds the first ") {
			t.Errorf("the CSV does not say at its top that it is cut short: %q", clipText(string(body), 600))
		}
		if format == "xlsx" && !xlsxSays(t, body, "this file holds the first ") {
			t.Errorf("the XLSX does not say it is cut short")
		}
		if grew > 10*uint64(limit) {
			t.Errorf("the heap grew by %d MB for a download of at most %d MB", grew>>20, limit>>20)
		}
	}
	close(stop)
	t.Logf("slowest page during the downloads: %s", worst())
}

// heapPeak samples the heap in use every 10 ms until stop closes, and
// gives its largest growth over what it was at the start.
func heapPeak(stop <-chan struct{}) func() uint64 {
	var m runtime.MemStats
	runtime.GC()
	runtime.ReadMemStats(&m)
	base, most := m.HeapInuse, uint64(0)
	done := make(chan struct{})
	go func() {
		defer close(done)
		for {
			runtime.ReadMemStats(&m)
			if m.HeapInuse > base {
				most = max(most, m.HeapInuse-base)
			}
			select {
			case <-stop:
				return
			case <-time.After(10 * time.Millisecond):
			}
		}
	}()
	return func() uint64 { <-done; return most }
}

// xlsxSays says whether a cell of the workbook's record sheet (its last)
// holds text.
func xlsxSays(t *testing.T, b []byte, text string) bool {
	t.Helper()
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	sheets := f.GetSheetList()
	rows, err := f.GetRows(sheets[len(sheets)-1])
	if err != nil {
		t.Fatal(err)
	}
	for _, row := range rows {
		for _, cell := range row {
			if strings.Contains(cell, text) {
				return true
			}
		}
	}
	return false
}
