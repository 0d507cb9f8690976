package web

import (
	"html"
	"net/http"
	"regexp"
	"strings"
	"testing"
)

// TestReturnsPageLists: the quarantine (8312 rows), the loads (120) and
// the changes (61) each show a page at a time, say which rows they show
// of how many, and turn their pages with Previous and Next without moving
// the others; an address asking for a page past the end shows the last.
func TestReturnsPageLists(t *testing.T) {
	st := emptyStore(t)
	for _, q := range []string{
		`INSERT INTO loads (load_id, file, kinds, loaded_at, rows_loaded, rows_quarantined)
			SELECT i, 'return ' || i || '.xlsx', 'events', '2026-01-01T00:00:00Z', 10, 0 FROM range(1, 121) t(i)`,
		`INSERT INTO quarantine (quarantine_id, load_id, file, sheet, row, col, column_name, kind, area_id, error_type, message)
			SELECT 'q' || i, 1 + i % 120, 'return.xlsx', 'Events', i + 2, 'B', 'event_date', 'events', 'test-area', 'type-error', 'not a date: row ' || i
			FROM range(8312) t(i)`,
		`INSERT INTO audit (audit_id, changed_at, changed_by, action, detail)
			SELECT i, '2026-01-01T00:00:00Z', 'P-0000000000', 'load', 'change ' || i FROM range(1, 62) t(i)`,
	} {
		if _, err := st.DB.Exec(q); err != nil {
			t.Fatal(err)
		}
	}
	_, ts, c := testServer(t, st, Options{})
	rowsIn := func(page, caption string) int {
		i := strings.Index(page, caption)
		if i < 0 {
			t.Fatalf("no table %q on the page", caption)
		}
		body := page[i:]
		body = body[:strings.Index(body, "</table>")]
		return strings.Count(body, "<tr>") - 1 // the header's row
	}
	link := regexp.MustCompile(`<nav class="pager" aria-label="Pages of the ([a-z ]+)">(?:<a href="([^"]+)" rel="prev">[^<]*</a>)? <span>([^<]*)</span> (?:<a href="([^"]+)" rel="next">)?`)
	pagers := func(page string) map[string][3]string { // what is listed -> prev, shown, next
		out := map[string][3]string{}
		for _, m := range link.FindAllStringSubmatch(page, -1) {
			out[m[1]] = [3]string{html.UnescapeString(m[2]), m[3], html.UnescapeString(m[4])}
		}
		return out
	}
	code, page := get(t, c, ts.URL+"/returns")
	if code != http.StatusOK {
		t.Fatalf("/returns: %d", code)
	}
	t.Logf("the returns page with 8312 quarantined rows: %d KB", len(page)>>10)
	first := pagers(page)
	for _, tc := range []struct {
		list, caption, shown string
		rows                 int
	}{
		{"quarantined rows", "<caption>Quarantined rows", "1–500 of 8312 quarantined rows", 500},
		{"files loaded", "<caption>The files loaded", "1–50 of 120 files loaded", 50},
		{"changes", "<caption>The changes made", "1–50 of 61 changes", 50},
	} {
		p := first[tc.list]
		if p[0] != "" || p[1] != tc.shown || p[2] == "" || rowsIn(page, tc.caption) != tc.rows {
			t.Errorf("%s on the first page: %q, %d rows; want %q, %d rows, a Next and no Previous", tc.list, p, rowsIn(page, tc.caption), tc.shown, tc.rows)
		}
	}
	if !strings.Contains(page, "rows 1–500 of 8312 below") {
		t.Errorf("the quarantine does not say which of its rows it shows")
	}
	// The quarantine's second page keeps the other lists where they were.
	rowRE := regexp.MustCompile(`Not a date: row \d+<`)
	seen := map[string]bool{}
	for _, m := range rowRE.FindAllString(page, -1) {
		seen[m] = true
	}
	code, page = get(t, c, ts.URL+first["quarantined rows"][2])
	second := pagers(page)
	if code != http.StatusOK || second["quarantined rows"][1] != "501–1000 of 8312 quarantined rows" || second["quarantined rows"][0] == "" ||
		second["files loaded"][1] != "1–50 of 120 files loaded" {
		t.Errorf("the quarantine's second page: %d, %q", code, second)
	}
	again := rowRE.FindAllString(page, -1)
	for _, m := range again {
		seen[m] = true
	}
	if len(again) != 500 || len(seen) != 1000 {
		t.Errorf("the first two pages list %d different rows (the second %d); want 1000 (500)", len(seen), len(again))
	}
	// The last pages hold what is left.
	for _, tc := range []struct{ addr, list, caption, shown string }{
		{"/returns?qpage=17", "quarantined rows", "<caption>Quarantined rows", "8001–8312 of 8312 quarantined rows"},
		{"/returns?lpage=3", "files loaded", "<caption>The files loaded", "101–120 of 120 files loaded"},
		{"/returns?apage=2", "changes", "<caption>The changes made", "51–61 of 61 changes"},
		{"/returns?qpage=99", "quarantined rows", "<caption>Quarantined rows", "8001–8312 of 8312 quarantined rows"},
	} {
		_, page := get(t, c, ts.URL+tc.addr)
		if p := pagers(page)[tc.list]; p[1] != tc.shown {
			t.Errorf("%s: %s shows %q, want %q", tc.addr, tc.list, p[1], tc.shown)
		}
	}
}
