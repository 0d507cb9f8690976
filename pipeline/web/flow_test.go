package web

import (
	"bytes"
	"context"
	"encoding/csv"
	"io"
	"mime/multipart"
	"net/http"
	"net/url"
	"os"
	"path/filepath"
	"strings"
	"testing"
	"time"
)

// postFiles uploads files (name -> content) with the page's CSRF token.
func postFiles(t *testing.T, c *http.Client, base string, files map[string][]byte, order ...string) (int, string) {
	t.Helper()
	return postUpload(t, c, base, nil, files, order...)
}

// postUpload is postFiles with the form's other fields after the files,
// as the form places them.
func postUpload(t *testing.T, c *http.Client, base string, fields [][2]string, files map[string][]byte, order ...string) (int, string) {
	t.Helper()
	_, page := get(t, c, base+"/returns")
	var body bytes.Buffer
	mw := multipart.NewWriter(&body)
	mw.WriteField("csrf", csrfFrom(t, page))
	for _, name := range order {
		fw, _ := mw.CreateFormFile("files", name)
		fw.Write(files[name])
	}
	for _, f := range fields {
		mw.WriteField(f[0], f[1])
	}
	mw.Close()
	resp, err := c.Post(base+uploadPath, mw.FormDataContentType(), &body)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp.StatusCode, string(b)
}

// TestUploadFlow: several files in one upload, each with its own outcome;
// the pages then show the new returns, and the scores are recomputed.
func TestUploadFlow(t *testing.T) {
	st := emptyStore(t)
	srv, ts, c := testServer(t, st, Options{})
	_, before := get(t, c, ts.URL+"/returns")
	if !strings.Contains(before, "Nothing loaded yet") {
		t.Fatalf("returns page before any upload does not say nothing is loaded")
	}
	if code, page := get(t, c, ts.URL+"/area/hanwell/pack/html"); code != http.StatusConflict || !strings.Contains(page, "recompute") {
		t.Errorf("a pack before any score: %d, want 409 saying to recompute", code)
	}
	for path, want := range map[string]string{"/": "Nothing is loaded yet", "/area/hanwell": "has none yet", "/compare": "No scores yet"} {
		if code, page := get(t, c, ts.URL+path); code != http.StatusOK || !strings.Contains(page, want) || strings.Contains(page, "0-01") {
			t.Errorf("%s on an empty database: %d, want it to say %q", path, code, want)
		}
	}
	book := filepath.Join(t.TempDir(), "events.xlsx")
	faultyWorkbook(t, book)
	xlsx, _ := os.ReadFile(book)
	files := map[string][]byte{
		"hanwell-events.xlsx": xlsx,
		"notes.xlsx":          []byte("this is not a workbook"),
		"volunteering.csv":    []byte("area,month,volunteer,hours\nHanwell,2021-05,Ann Smith,4\nHanwel,2021-06,Bob Jones,3\n"),
	}
	code, page := postFiles(t, c, ts.URL, files, "hanwell-events.xlsx", "notes.xlsx", "volunteering.csv")
	if code != http.StatusOK {
		t.Fatalf("upload: %d\n%s", code, clipText(page, 2000))
	}
	mustContain(t, "upload results", page,
		"hanwell-events.xlsx", "2 rows loaded", "Events!E3", "&#34;twelve&#34; is not a number",
		"notes.xlsx", "refused", "not an Excel workbook",
		"volunteering.csv", "1 row loaded", "&#34;Hanwel&#34; is not a known area; did you mean Hanwell", "hanwell")
	if strings.Contains(page, "unknown-area") || strings.Contains(page, "(column ") {
		t.Errorf("the upload page shows error codes or column ids to the volunteer")
	}
	if strings.Contains(page, "Ann Smith") || strings.Contains(page, "Bob Jones") {
		t.Errorf("the upload page shows a volunteer's name")
	}
	// The same bytes again: nothing loads twice; the quarantined row is
	// checked again and still fails.
	_, again := postFiles(t, c, ts.URL, files, "hanwell-events.xlsx")
	mustContain(t, "second upload", again, "Loaded before", "1 quarantined row re-checked", "0 loaded", "1 still quarantined", "Events!E3")

	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := srv.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}
	if v := srv.stateView(context.Background()); v.Stale || v.LastErr != "" {
		t.Errorf("after the recompute: stale %v, error %q", v.Stale, v.LastErr)
	}
	var scores int
	st.DB.QueryRow("SELECT count(*) FROM scores WHERE area_id = 'hanwell'").Scan(&scores)
	if scores == 0 {
		t.Errorf("no scores for hanwell after the upload and the recompute")
	}
	_, returns := get(t, c, ts.URL+"/returns")
	mustContain(t, "returns page after the upload", returns, "Hanwell", "2021-22", "&#34;twelve&#34; is not a number;", "&#34;Hanwel&#34; is not a known area", "hanwell-events.xlsx", `<a href="#quarantine">2 rows quarantined</a>`)
	if strings.Contains(returns, "Nothing loaded yet") {
		t.Errorf("the returns page was served from a stale cache")
	}
	// The console sees the new rows too (its copy was refreshed).
	_, cpage := get(t, c, ts.URL+"/console")
	resp, err := c.PostForm(ts.URL+"/console", url.Values{"csrf": {csrfFrom(t, cpage)}, "sql": {"SELECT count(*) FROM events"}, "format": {"csv"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if got := strings.TrimSpace(string(b)); !strings.HasSuffix(got, "\n2") {
		t.Errorf("console count of events after the upload: %q", got)
	}
	// The quarantine, as CSV to hand back.
	_, q := get(t, c, ts.URL+"/returns/problems.csv?area=hanwell")
	recs, err := csv.NewReader(strings.NewReader(q)).ReadAll()
	if err != nil || len(recs) != 2 || recs[1][2] != "3" || recs[1][3] != "E" {
		t.Errorf("problems.csv for hanwell: %v %v", recs, err)
	}
}

// TestRecomputeButton: a database whose scores are older than its returns
// says so on every page and offers to recompute. The scores here are of a
// database made before results recorded the data they were made from: their
// time tells.
func TestRecomputeButton(t *testing.T) {
	st := sampleStore(t)
	if _, err := st.DB.Exec("UPDATE score_settings SET value = '2000-01-01T00:00:00Z' WHERE key = 'run_at'"); err != nil {
		t.Fatal(err)
	}
	if _, err := st.DB.Exec("DELETE FROM score_settings WHERE key IN ('data_load', 'data_checksum')"); err != nil {
		t.Fatal(err)
	}
	srv, ts, c := testServer(t, st, Options{})
	_, page := get(t, c, ts.URL+"/compare")
	mustContain(t, "stale page", page, "Scores are older than the data: 23 returns loaded since.", `action="/recompute"`, "Recompute now")
	resp, err := c.PostForm(ts.URL+"/recompute", url.Values{"csrf": {csrfFrom(t, page)}, "back": {"/compare"}})
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.Request.URL.Path != "/compare" {
		t.Errorf("after recompute: landed on %s, want /compare", resp.Request.URL.Path)
	}
	ctx, cancel := context.WithTimeout(context.Background(), 60*time.Second)
	defer cancel()
	if err := srv.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}
	_, page = get(t, c, ts.URL+"/compare")
	if strings.Contains(page, "out of date") || strings.Contains(page, "being recomputed") {
		t.Errorf("still stale after the recompute")
	}
	// back= never leads off the server.
	for _, back := range []string{"https://evil.example/", "//evil.example/", "/\\evil.example"} {
		if got := localPath(back); got != "/" {
			t.Errorf("localPath(%q) = %q", back, got)
		}
	}
}

// TestEscaping: names and messages from the data never reach a page as markup.
func TestEscaping(t *testing.T) {
	st := sampleStore(t)
	const evil = `<script>alert(1)</script><img src=x onerror=alert(2)>`
	for _, q := range []string{
		`UPDATE areas SET name = '` + evil + `', local_authority = '"><svg onload=alert(3)>' WHERE area_id = 'hanwell'`,
		`UPDATE quarantine SET message = '` + evil + `', file = '` + evil + `.xlsx' WHERE quarantine_id IN (SELECT quarantine_id FROM quarantine LIMIT 1)`,
		`UPDATE scores SET label = '` + evil + `', note = '` + evil + `' WHERE definition = 'turnout'`,
		`UPDATE classifications SET label = '` + evil + `', evidence = '` + evil + `' WHERE area_id = 'hanwell'`,
	} {
		if _, err := st.DB.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	_, ts, c := testServer(t, st, Options{})
	for _, path := range []string{"/", "/?sort=model", "/compare?def=turnout", "/compare?def=turnout&norm=value", "/areas", "/area/hanwell", "/area/westfield", "/returns"} {
		_, body := get(t, c, ts.URL+path)
		for _, bad := range []string{"<script>alert", "<img src=x", "<svg onload", "onerror=alert(2)>"} {
			if strings.Contains(body, bad) {
				t.Errorf("%s holds %q unescaped", path, bad)
			}
		}
		if !strings.Contains(body, "&lt;script&gt;alert(1)&lt;/script&gt;") {
			t.Errorf("%s does not show the name, escaped", path)
		}
	}
	_, cpage := get(t, c, ts.URL+"/console")
	resp, err := c.PostForm(ts.URL+"/console", url.Values{"csrf": {csrfFrom(t, cpage)}, "sql": {"SELECT name, '=HYPERLINK(\"http://x\")' AS f FROM areas WHERE area_id = 'hanwell'"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	if strings.Contains(string(b), "<script>alert") {
		t.Errorf("console result holds markup unescaped")
	}
	resp, _ = c.PostForm(ts.URL+"/console", url.Values{"csrf": {csrfFrom(t, cpage)}, "format": {"csv"}, "sql": {"SELECT '=HYPERLINK(\"http://x\")' AS f"}})
	b, _ = io.ReadAll(resp.Body)
	resp.Body.Close()
	if !strings.Contains(string(b), `'=HYPERLINK`) {
		t.Errorf("console CSV lets a formula through: %q", b)
	}
}
