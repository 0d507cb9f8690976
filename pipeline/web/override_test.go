package web

import (
	"io"
	"net/http"
	"net/url"
	"strings"
	"testing"
)

// TestOverrideFromAreaPage: the area page's form overrides the label of
// that area and year, records the evaluator as a pseudonym, refuses what an
// overrides file would be refused for with the same words, and removes the
// override again; the pack shows it.
func TestOverrideFromAreaPage(t *testing.T) {
	st := sampleStore(t)
	var area string
	var period int
	var computed string
	if err := st.DB.QueryRow("SELECT area_id, period, label FROM classifications ORDER BY period DESC, area_id LIMIT 1").Scan(&area, &period, &computed); err != nil {
		t.Fatal(err)
	}
	target := "model 1"
	if computed == target {
		target = "model 3"
	}
	_, ts, c := testServer(t, st, Options{DB: st.Path})
	_, page := get(t, c, ts.URL+"/area/"+area+"?period="+periodLabel(period))
	mustContain(t, "area page", page, `action="/area/`+area+`/override"`, "Override this label")
	token := csrfFrom(t, page)
	if strings.Contains(page, "<!--csrf-->") || !strings.Contains(page, `name="csrf" value="`+token+`"`) {
		t.Fatalf("the override form does not carry the request's CSRF token")
	}
	post := func(form url.Values) (int, string) {
		form.Set("csrf", token)
		form.Set("period", periodLabel(period))
		c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
		defer func() { c.CheckRedirect = nil }()
		resp, err := c.PostForm(ts.URL+"/area/"+area+"/override", form)
		if err != nil {
			t.Fatal(err)
		}
		defer resp.Body.Close()
		b, _ := io.ReadAll(resp.Body)
		return resp.StatusCode, string(b)
	}

	// Refused as a file's line would be, nothing changed.
	code, body := post(url.Values{"label": {target}, "rationale": {""}, "evaluator": {"Ann Evaluator"}})
	if code != http.StatusBadRequest || !strings.Contains(body, "an override needs a rationale") {
		t.Errorf("no rationale: %d %s", code, clipText(body, 500))
	}
	code, body = post(url.Values{"label": {"model 7"}, "rationale": {"x"}, "evaluator": {"Ann Evaluator"}})
	if code != http.StatusBadRequest || !strings.Contains(body, "the label must be model 1, model 2, model 3") {
		t.Errorf("a bad label: %d %s", code, clipText(body, 500))
	}

	code, body = post(url.Values{"label": {target}, "rationale": {"Interviews show the partnership decides"}, "evaluator": {"Ann Evaluator"}})
	if code != http.StatusSeeOther {
		t.Fatalf("override: %d %s", code, clipText(body, 500))
	}
	var label, by, why string
	if err := st.DB.QueryRow("SELECT label, override_by, override_rationale FROM classifications WHERE area_id = ? AND period = ?", area, period).Scan(&label, &by, &why); err != nil {
		t.Fatal(err)
	}
	if label != target || why != "Interviews show the partnership decides" || !strings.HasPrefix(by, "P-") {
		t.Errorf("after the override: label %q by %q because %q", label, by, why)
	}
	var names int
	st.DB.QueryRow("SELECT count(*) FROM classifications WHERE override_by ILIKE '%ann%'").Scan(&names)
	if names != 0 {
		t.Errorf("the evaluator's name is in the database")
	}
	_, page = get(t, c, ts.URL+"/area/"+area+"?period="+periodLabel(period))
	mustContain(t, "area page after the override", page, "overridden by "+by, "Interviews show the partnership decides", "computed: "+computed, "Change or remove the override")
	if strings.Contains(page, "Ann Evaluator") {
		t.Errorf("the area page shows the evaluator's name")
	}
	if code, pack := get(t, c, ts.URL+"/area/"+area+"/pack/view?period="+periodLabel(period)); code != 200 || !strings.Contains(pack, "Interviews show the partnership decides") {
		t.Errorf("the pack does not show the override: %d", code)
	}

	// The computed label again.
	if code, body = post(url.Values{"label": {"computed"}}); code != http.StatusSeeOther {
		t.Fatalf("removing the override: %d %s", code, clipText(body, 500))
	}
	var back string
	var left int
	st.DB.QueryRow("SELECT label FROM classifications WHERE area_id = ? AND period = ?", area, period).Scan(&back)
	st.DB.QueryRow("SELECT count(*) FROM classifications WHERE override_label IS NOT NULL").Scan(&left)
	if back != computed || left != 0 {
		t.Errorf("after removing the override: label %q (computed %q), %d overrides left", back, computed, left)
	}
}
