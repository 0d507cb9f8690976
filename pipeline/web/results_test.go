package web

import (
	"bytes"
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// TestConsoleReadsAsPeopleWrite: the console takes period = '2021-22' and
// says how it read it; the result shows column titles in words, areas by
// name (id beside), years as 2021-22 and a dash for a missing value.
func TestConsoleReadsAsPeopleWrite(t *testing.T) {
	st := sampleStore(t)
	var id, name string
	var year int
	if err := st.DB.QueryRow("SELECT s.area_id, a.name, max(s.period) FROM scores s JOIN areas a USING (area_id) GROUP BY ALL ORDER BY 1 LIMIT 1").Scan(&id, &name, &year); err != nil {
		t.Fatal(err)
	}
	label := periodLabel(year)
	_, ts, c := testServer(t, st, Options{})
	_, page := get(t, c, ts.URL+"/console")
	sqlText := "SELECT area_id, period, NULL AS resident_attendees FROM scores WHERE area_id = '" + id + "' AND period = '" + label + "' LIMIT 1"
	resp, err := c.PostForm(ts.URL+"/console", url.Values{"sql": {sqlText}, "csrf": {csrfFrom(t, page)}, "format": {"table"}})
	if err != nil {
		t.Fatal(err)
	}
	b, _ := io.ReadAll(resp.Body)
	resp.Body.Close()
	body := string(b)
	if resp.StatusCode != 200 {
		t.Fatalf("console: %d %s", resp.StatusCode, clipText(body, 600))
	}
	mustContain(t, "console result", body,
		"&#39;"+label+"&#39; is read as the reporting year "+label,
		`title="area_id">Area</th>`, `title="period">Reporting year</th>`, `title="resident_attendees">Resident attendees</th>`,
		"<td>"+name+` <span class="muted">`+id+"</span></td>",
		"<td>"+label+"</td>",
		`<span class="null" title="missing">—</span>`)
	if strings.Contains(body, ">NULL<") || strings.Contains(body, "<td>"+periodLabel(year)[:4]+"</td>") {
		t.Errorf("the result shows NULL or a bare year:\n%s", clipText(body, 2000))
	}
}

func TestColumnTitle(t *testing.T) {
	for in, want := range map[string]string{"area_id": "Area", "period": "Reporting year", "resident_attendees": "Resident attendees", "n": "N", "_": "_"} {
		if got := columnTitle(in); got != want {
			t.Errorf("columnTitle(%q) = %q, want %q", in, got, want)
		}
	}
}

// TestFormAfterRestart: a form sent from a page drawn by an earlier run of
// the server (its token no longer known) comes back with the input kept
// and a fresh token, and sends as it is; a form from another site is only
// refused.
func TestFormAfterRestart(t *testing.T) {
	st := sampleStore(t)
	_, ts, c := testServer(t, st, Options{})
	get(t, c, ts.URL+"/console") // the session cookie
	const query = "SELECT 6 * 7 AS answer -- kept"
	post := func(origin string, form url.Values) (int, string) {
		req, _ := http.NewRequest(http.MethodPost, ts.URL+"/console", strings.NewReader(form.Encode()))
		req.Header.Set("Content-Type", "application/x-www-form-urlencoded")
		if origin != "" {
			req.Header.Set("Origin", origin)
		}
		resp, err := c.Do(req)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}
	stale := url.Values{"sql": {query}, "format": {"table"}, "csrf": {"a-token-of-the-server-before-its-restart"}}

	code, body := post("http://attacker.example", stale)
	if code != http.StatusForbidden || strings.Contains(body, "6 * 7") {
		t.Errorf("a form from another site: %d, %s", code, clipText(body, 300))
	}
	code, body = post(ts.URL, stale)
	if code != http.StatusForbidden {
		t.Fatalf("a stale form from this server's page: %d, want 403 with the form again", code)
	}
	mustContain(t, "the form sent again", body, "Send the form again", "Nothing was changed", `<textarea name="sql"`, "SELECT 6 * 7 AS answer -- kept", `action="/console"`)
	again := url.Values{"sql": {query}, "format": {"table"}, "csrf": {csrfFrom(t, body)}}
	code, body = post(ts.URL, again)
	if code != 200 || !strings.Contains(body, ">42</td>") {
		t.Errorf("sending it again: %d %s", code, clipText(body, 400))
	}
}

// TestQueryDownloadRecord: a saved query's workbook is named for the query
// and its parameters and carries its record as a second sheet.
func TestQueryDownloadRecord(t *testing.T) {
	st := sampleStore(t)
	_, ts, c := testServer(t, st, Options{})
	resp, err := c.Get(ts.URL + "/queries/compare_areas/download?p_definition=volunteering&format=xlsx")
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	if cd := resp.Header.Get("Content-Disposition"); resp.StatusCode != 200 || cd != `attachment; filename="compare_areas_definition-volunteering.xlsx"` {
		t.Fatalf("download: %d %q", resp.StatusCode, cd)
	}
	f, err := excelize.OpenReader(bytes.NewReader(b))
	if err != nil {
		t.Fatal(err)
	}
	defer f.Close()
	rows, err := f.GetRows(tabular.RecordSheet)
	if err != nil {
		t.Fatal(err)
	}
	got := map[string]string{}
	for _, r := range rows[1:] {
		if len(r) == 2 {
			got[r[0]] = r[1]
		}
	}
	if got["Query"] != "compare_areas" || got["Parameter definition"] != "volunteering" || len(got["Data checksum (SHA-256)"]) != 64 ||
		!strings.Contains(got["Synthetic data"], "synthetic") || !strings.Contains(got["SQL"], "$definition") {
		t.Errorf("the record sheet: %q", rows)
	}
	if res, _ := f.GetRows("Results"); len(res) < 2 {
		t.Errorf("the results sheet: %q", res)
	}
}
