package web

import (
	"io"
	"net/url"
	"strings"
	"testing"
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
