package web

import (
	"bytes"
	"context"
	"encoding/json"
	"io"
	"mime/multipart"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"sync"
	"testing"
	"time"

	"github.com/chromedp/cdproto/browser"
	"github.com/chromedp/chromedp"

	"github.com/ourbiggerstory/obs/pipeline/ingest"
	obssample "github.com/ourbiggerstory/obs/pipeline/sample"
)

// largeEvents writes a synthetic events workbook of n rows and returns its bytes.
func largeEvents(t testing.TB, n int, seed int64) []byte {
	t.Helper()
	path := filepath.Join(t.TempDir(), "events.xlsx")
	if err := obssample.LargeEvents(path, n, seed); err != nil {
		t.Fatal(err)
	}
	b, err := os.ReadFile(path)
	if err != nil {
		t.Fatal(err)
	}
	return b
}

// uploadBody is a multipart upload of files (name, content, name,
// content...) with the CSRF token of the returns page.
func uploadBody(t testing.TB, c *http.Client, base string, files ...any) (*bytes.Buffer, string) {
	t.Helper()
	_, page := get(t, c, base+"/returns")
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", csrfFrom(t, page))
	for i := 0; i < len(files); i += 2 {
		fw, _ := mw.CreateFormFile("files", files[i].(string))
		fw.Write(files[i+1].([]byte))
	}
	mw.Close()
	return &body, mw.FormDataContentType()
}

// work is the work under way /state.json lists, by id.
func work(t testing.TB, c *http.Client, base string) map[string]jobView {
	t.Helper()
	_, b := get(t, c, base+"/state.json")
	var st struct{ Work []jobView }
	if err := json.Unmarshal([]byte(b), &st); err != nil {
		t.Fatalf("/state.json: %v %q", err, b)
	}
	out := map[string]jobView{}
	for _, j := range st.Work {
		out[j.ID] = j
	}
	return out
}

// TestUploadProgressState: while an upload loads, /state.json says, for
// the id the page sent, which file is being read and how many rows of each
// have been read so far; first that it waits for the database while
// another write holds it; and nothing once the upload has answered.
func TestUploadProgressState(t *testing.T) {
	st := emptyStore(t)
	srv, ts, c := testServer(t, st, Options{})
	first, second := largeEvents(t, 1000, 1), largeEvents(t, 2*ingest.ProgressRows+100, 2)
	hit, release := make(chan int), make(chan struct{})
	srv.work.hook = func(j jobView) {
		if f := j.Files; len(f) == 2 && f[1].Rows == 2*ingest.ProgressRows && f[1].State == "reading" {
			hit <- f[1].Rows
			<-release
		}
	}
	body, ctype := uploadBody(t, c, ts.URL, "first.xlsx", first, "second.xlsx", second)
	srv.writeMu.Lock() // another write holds the database
	locked := true
	defer func() {
		if locked {
			srv.writeMu.Unlock()
		}
	}()
	type answer struct {
		code int
		page string
		err  error
	}
	done := make(chan answer, 1)
	go func() {
		resp, err := c.Post(ts.URL+uploadPath+"?progress=page-upload-1", ctype, body)
		if err != nil {
			done <- answer{err: err}
			return
		}
		defer resp.Body.Close()
		b, err := io.ReadAll(resp.Body)
		done <- answer{resp.StatusCode, string(b), err}
	}()
	var j jobView
	for end := time.Now().Add(30 * time.Second); ; time.Sleep(20 * time.Millisecond) {
		if j = work(t, c, ts.URL)["page-upload-1"]; j.ID != "" || time.Now().After(end) {
			break
		}
	}
	if j.What != "loading 2 returns" || !strings.Contains(j.Step, "waiting for the database") ||
		len(j.Files) != 2 || j.Files[0] != (fileRows{"first.xlsx", 0, "waiting"}) || j.Files[1] != (fileRows{"second.xlsx", 0, "waiting"}) {
		t.Fatalf("the upload while another write holds the database: %+v", j)
	}
	srv.writeMu.Unlock()
	locked = false

	select {
	case <-hit:
	case a := <-done:
		t.Fatalf("the upload answered before it had read the second file's rows: %d %v %s", a.code, a.err, clipText(a.page, 400))
	case <-time.After(60 * time.Second):
		t.Fatal("the upload never reached the second file's rows")
	}
	j = work(t, c, ts.URL)["page-upload-1"]
	want := []fileRows{{"first.xlsx", 1000, "read"}, {"second.xlsx", 2 * ingest.ProgressRows, "reading"}}
	if j.Step != "" || len(j.Files) != 2 || j.Files[0] != want[0] || j.Files[1] != want[1] {
		t.Errorf("the upload while it reads the second file: %+v, want files %+v", j, want)
	}
	close(release)
	a := <-done
	if a.err != nil || a.code != http.StatusOK {
		t.Fatalf("upload: %d %v %s", a.code, a.err, clipText(a.page, 400))
	}
	mustContain(t, "the upload results", a.page, "Upload results", "first.xlsx", "second.xlsx")
	if w := work(t, c, ts.URL); len(w) != 0 {
		t.Errorf("work listed after the upload answered: %+v", w)
	}
}

// TestUploadProgressBrowser: a return uploaded from the returns page shows,
// while the server reads it, the file's name and its rows read so far; the
// results page follows, as the plain form gives it.
func TestUploadProgressBrowser(t *testing.T) {
	chromium(t)
	st := emptyStore(t)
	srv, ts, _ := testServer(t, st, Options{})
	book := filepath.Join(t.TempDir(), "big-events.xlsx")
	if err := os.WriteFile(book, largeEvents(t, ingest.ProgressRows+500, 3), 0o600); err != nil {
		t.Fatal(err)
	}
	// The load waits after its first rows until the page has shown them.
	release := make(chan struct{})
	var once sync.Once
	let := func() { once.Do(func() { close(release) }) }
	defer let()
	srv.work.hook = func(j jobView) {
		if len(j.Files) > 0 && j.Files[0].Rows > 0 {
			<-release
		}
	}
	ctx, problems := startBrowser(t, ts.URL)
	ctx = bounded(t, ctx)
	shown := `((document.getElementById('upload-progress') || {}).textContent || '')`
	err := chromedp.Do(ctx,
		chromedp.Navigate(ts.URL+"/returns"),
		chromedp.WaitVisible(chromedp.ID("files")),
		chromedp.SetUploadFiles(chromedp.ID("files"), []string{book}),
		chromedp.Click(chromedp.CSS(`#upload button[type=submit]`)),
	)
	if err != nil {
		t.Fatal(err)
	}
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](shown+`.includes('5000 rows read so far')`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		t.Fatalf("the upload page showed no rows read: %v", err)
	}
	during, err := chromedp.Run(ctx, chromedp.Evaluate[string](shown))
	if err != nil {
		t.Fatal(err)
	}
	if want := "big-events.xlsx: 5000 rows read so far"; !strings.Contains(during, want) || !strings.Contains(during, "Loading 1 return") {
		t.Errorf("while the file is read the page says %q, want %q", during, want)
	}
	let()
	if err := chromedp.Do(ctx, chromedp.WaitVisible(chromedp.CSS(`section.upload-result`))); err != nil {
		t.Fatal(err)
	}
	got := text(t, ctx, "main")
	mustContain(t, "the results page", got, "Upload results", "big-events.xlsx", "events: 5500 rows loaded")
	if p := problems(); len(p) > 0 {
		t.Errorf("browser problems: %v", p)
	}
}

// TestPackPDFProgressBrowser: while the server prints an area's pack to
// PDF, the area page says so beside the link, then that it is printed;
// the PDF comes as a download.
func TestPackPDFProgressBrowser(t *testing.T) {
	chromium(t)
	st := sampleStore(t)
	srv, ts, _ := testServer(t, st, Options{PackFormats: []string{"html", "xlsx", "pdf"}})
	// The print waits, once recorded, until the page has said so.
	release := make(chan struct{})
	var once sync.Once
	let := func() { once.Do(func() { close(release) }) }
	defer let()
	srv.work.hook = func(j jobView) {
		if strings.HasPrefix(j.What, "printing") {
			<-release
		}
	}
	ctx, problems := startBrowser(t, ts.URL)
	ctx, cancel := context.WithTimeout(ctx, 2*time.Minute) // Chromium prints inside the browser's test
	defer cancel()
	dl := t.TempDir()
	yes := true
	if _, err := chromedp.CallBrowser(ctx, browser.SetDownloadBehavior, browser.SetDownloadBehaviorParams{
		Behavior: browser.SetDownloadBehaviorBehaviorAllow, DownloadPath: dl, EventsEnabled: &yes}); err != nil {
		t.Fatal(err)
	}
	link := `a[href*="/pack/pdf"]`
	if err := chromedp.Do(ctx, chromedp.Navigate(ts.URL+"/area/hanwell"), chromedp.WaitVisible(chromedp.CSS(link)), chromedp.Click(chromedp.CSS(link))); err != nil {
		t.Fatal(err)
	}
	note := `document.querySelector('` + link + `').parentNode.querySelector('.progress').textContent`
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](note+`.includes('Printing the evidence pack for Hanwell to PDF')`, chromedp.WithPollingTimeout(20*time.Second))); err != nil {
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](note))
		t.Fatalf("while the pack is printed the page says %q: %v", got, err)
	}
	let()
	if _, err := chromedp.Run(ctx, chromedp.Poll[bool](note+`.includes("Done: the PDF is in your browser's downloads.")`, chromedp.WithPollingTimeout(90*time.Second))); err != nil {
		got, _ := chromedp.Run(ctx, chromedp.Evaluate[string](note))
		t.Fatalf("once the pack is printed the page says %q: %v", got, err)
	}
	if name, b := waitDownloadNamed(t, dl, ".pdf"); !strings.HasPrefix(name, "pack-hanwell") || !bytes.HasPrefix(b, []byte("%PDF")) {
		t.Errorf("the download: %s, %q…", name, clipText(string(b), 8))
	}
	if p := problems(); len(p) > 0 {
		t.Errorf("browser problems: %v", p)
	}
}
