package web

import (
	"io"
	"net/http"
	"net/http/cookiejar"
	"net/url"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
)

var choiceIDRE = regexp.MustCompile(`name="id" value="([0-9a-f]+)"`)

// TestChooseOnce: a file refused for want of add or replace waits on the
// server for the session that sent it, is loaded once as chosen, and is
// then gone, with its folder.
func TestChooseOnce(t *testing.T) {
	st := emptyStore(t)
	srv, ts, c := testServer(t, st, Options{})
	first := "area,event date,event,attendees\nHanwell,2021-05-01,Fair,40\nHanwell,2021-06-01,Quiz,20\n"
	extra := "area,event date,event,attendees\nHanwell,2021-07-01,Walk,12\n"
	if code, page := postFiles(t, c, ts.URL, map[string][]byte{"hanwell-events.csv": []byte(first)}, "hanwell-events.csv"); code != http.StatusOK || !strings.Contains(page, "2 rows loaded") {
		t.Fatalf("first upload: %d\n%s", code, clipText(page, 2000))
	}
	code, page := postFiles(t, c, ts.URL, map[string][]byte{"walk.csv": []byte(extra)}, "walk.csv")
	mustContain(t, "the question", page, "Hanwell 2021-22 already has 2 events from hanwell-events.csv (load 1).", "Add this 1", "Replace those 2 with this 1")
	m := choiceIDRE.FindStringSubmatch(page)
	if code != http.StatusOK || m == nil {
		t.Fatalf("no choice asked: %d\n%s", code, clipText(page, 2000))
	}
	waiting, _ := filepath.Glob(filepath.Join(srv.tmpDir, "choice-*", "walk.csv"))
	if len(waiting) != 1 {
		t.Fatalf("the file does not wait in a folder of its own: %v", waiting)
	}
	answer := func(c *http.Client, choice string) (int, string) {
		_, p := get(t, c, ts.URL+"/returns")
		resp, err := c.PostForm(ts.URL+choosePath, url.Values{"csrf": {csrfFrom(t, p)}, "id": {m[1]}, "choice": {choice}})
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	// Another session cannot answer for it.
	jar, _ := cookiejar.New(nil)
	other := &http.Client{Jar: jar}
	if code, page := answer(other, "replace"); code != http.StatusBadRequest || !strings.Contains(page, "no longer waiting for a choice") {
		t.Errorf("another session's answer: %d\n%s", code, clipText(page, 1000))
	}
	if code, page := answer(c, "add"); code != http.StatusOK || !strings.Contains(page, "1 row loaded") {
		t.Fatalf("add: %d\n%s", code, clipText(page, 2000))
	}
	if n := count(t, st, "SELECT count(*) FROM events WHERE area_id = 'hanwell'"); n != 3 {
		t.Errorf("after add, Hanwell has %d events, want 3", n)
	}
	if code, page := answer(c, "replace"); code != http.StatusBadRequest || !strings.Contains(page, "no longer waiting for a choice") {
		t.Errorf("a second answer: %d\n%s", code, clipText(page, 1000))
	}
	if n := count(t, st, "SELECT count(*) FROM events WHERE area_id = 'hanwell'"); n != 3 {
		t.Errorf("the second answer changed Hanwell's events: %d, want 3", n)
	}
	if _, err := os.Stat(filepath.Dir(waiting[0])); !os.IsNotExist(err) {
		t.Errorf("the waiting file's folder is still there after the answer (%v)", err)
	}
}
