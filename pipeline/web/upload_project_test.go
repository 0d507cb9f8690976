package web

import (
	"archive/zip"
	"bytes"
	"net/http"
	"net/url"
	"regexp"
	"strings"
	"testing"
)

// projectQDPX is a REFI-QDA project of one source, named name, with one
// coded passage, that says neither its area nor when it was recorded: the
// XML written here, part by part.
func projectQDPX(t *testing.T, name string) []byte {
	t.Helper()
	const text = "We set up the youth forum."
	qde := `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="` + name + `" origin="NVivo 14">
<CodeBook><Codes><Code guid="c0000000-0000-4000-8000-000000000001" name="Youth forum" isCodable="true"/></Codes></CodeBook>
<Sources><TextSource guid="50000000-0000-4000-8000-000000000001" name="` + name + `"><PlainTextContent>` + text + `</PlainTextContent>
<PlainTextSelection guid="d0000000-0000-4000-8000-000000000001" startPosition="0" endPosition="6"><Coding guid="e0000000-0000-4000-8000-000000000001"><CodeRef targetGUID="c0000000-0000-4000-8000-000000000001"/></Coding></PlainTextSelection>
</TextSource></Sources></Project>`
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	w, err := zw.Create("project.qde")
	if err != nil {
		t.Fatal(err)
	}
	w.Write([]byte(qde))
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// TestUploadProjectAreaPeriod: the upload form's area and period go to a
// .qdpx as 'obs ingest --area' and '--period' do, through the choice
// between adding and replacing too, and are refused with the same
// messages when obs cannot read them.
func TestUploadProjectAreaPeriod(t *testing.T) {
	st := sampleStore(t)
	_, ts, c := testServer(t, st, Options{})
	stored := func(name string) int {
		return count(t, st, "SELECT count(*) FROM interview_codes WHERE source = '"+name+"' AND area_id = 'hanwell' AND period = 2017")
	}
	for _, tc := range []struct {
		name         string
		area, period string
		want         string
		stored       int
	}{
		{"one.qdpx", "hanwell", "2017-18", "1 row loaded", 1},
		{"two.qdpx", "Hanwell", "2017-18", "already has 1 row of interview codes from one.qdpx", 0},
		{"three.qdpx", "hanwell", "last year", `--period &#34;last year&#34; is not a reporting year; write it as 2019-20 (April to March)`, 0},
		{"four.qdpx", "Nowhere Land", "2017-18", "refused: --area", 0},
		{"five.qdpx", "", "", "1 row quarantined", 0},
	} {
		files := map[string][]byte{tc.name: projectQDPX(t, tc.name)}
		code, page := postUpload(t, c, ts.URL, [][2]string{{"area", tc.area}, {"period", tc.period}}, files, tc.name)
		main := page[max(0, strings.Index(page, "<main")):]
		if n := stored(tc.name); code != http.StatusOK || !strings.Contains(main, tc.want) || n != tc.stored {
			t.Errorf("%s with area %q, period %q: %d, %d codings stored in hanwell 2017-18 (want %d), %q", tc.name, tc.area, tc.period, code, n, tc.stored, clipText(main, 1500))
		}
		if tc.name != "two.qdpx" {
			continue
		}
		// Adding it, as the page asks, keeps the area and period it came with.
		id := regexp.MustCompile(`name="id" value="([0-9a-f]+)"`).FindStringSubmatch(page)
		if id == nil {
			t.Fatal("no choice to make on the page")
		}
		resp, err := c.PostForm(ts.URL+"/returns/choose", url.Values{"csrf": {csrfFrom(t, page)}, "id": {id[1]}, "choice": {"add"}})
		if err != nil {
			t.Fatal(err)
		}
		resp.Body.Close()
		if n := stored(tc.name); resp.StatusCode != http.StatusOK || n != 1 {
			t.Errorf("two.qdpx added: %d, %d codings stored in hanwell 2017-18, want 1", resp.StatusCode, n)
		}
	}
}
