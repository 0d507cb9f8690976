package web

import (
	"net/http"
	"strings"
	"testing"
)

func TestPages(t *testing.T) {
	st := sampleStore(t)
	_, ts, c := testServer(t, st, Options{PackFormats: []string{"html", "xlsx"}})
	pages := []struct {
		path  string
		wants []string
	}{
		{"/", []string{"<h1>All areas", "Synthetic data", "Hanwell", "<caption>", "<svg", "aria-sort"}},
		{"/?sort=name&dir=desc", []string{"Whitley Bay"}},
		{"/?sort=composite", []string{"Westfield"}},
		{"/compare", []string{"<h1>Compare the areas", "<svg", "Download this table as CSV"}},
		{"/compare?def=turnout&rd=R2&norm=z", []string{"R2", "z-score"}},
		{"/compare?def=all", []string{"How robust is the composite ranking?", "What moves the ranking most: the ", "of the variance",
			"Sobol indices of each choice", "the resident definition", `<table class="heat">`, "ranks above", "of draws"}},
		{"/compare?def=volunteering&norm=goalposts", []string{"fixed goalposts, 0 to 100"}},
		{"/areas", []string{"Barrowcliff", "Hanwell"}},
		{"/area/hanwell", []string{"<h1>Hanwell", "<svg", "Evidence pack", "Leadership model", "/area/hanwell/pack/xlsx",
			"Stability of the computed label: model 3 in 100% of variations"}},
		{"/area/hanwell/pack/view", []string{"Evidence pack: Hanwell", "Configurations (QCA)", "~M1*~M2*M3*~LTO (row 3, OUT 1)", "~M1*~M2*M3 0.69"}},
		{"/queries", []string{"area_profile"}},
		{"/queries/area_profile", []string{`name="p_area"`}},
		{"/queries/area_profile?run=1&p_area=westfield", []string{"resident-led", "Download CSV"}},
		{"/qca", []string{"turnout_models", "composite_features", "LTO, WG, GRANTS"}},
		{"/qca/turnout_models", []string{"<h1>High resident turnout", "Reporting year 2021-22", "Truth table", "~M1*~M2*M3", "Sufficiency plots", "<svg", "Deviant cases", "Synthetic data"}},
		{"/qca/composite_features?period=2020-21", []string{"Reporting year 2020-21", "LTO*WG", "0.882"}},
		{"/notebooks", []string{"Engagement over time"}},
		{"/notebooks/engagement", []string{"<iframe"}},
		{"/notebooks/engagement/html", []string{"events"}},
		{"/returns", []string{"What is loaded", "Quarantined rows", `type="file"`, "multiple"}},
		{"/compare.csv?def=all", []string{"area_id,area,period"}},
		{"/returns/problems.csv", []string{"file,sheet,row"}},
	}
	for _, p := range pages {
		code, body := get(t, c, ts.URL+p.path)
		if code != http.StatusOK {
			t.Errorf("%s: %d\n%s", p.path, code, clipText(body, 600))
			continue
		}
		mustContain(t, p.path, body, p.wants...)
	}
	for _, p := range []string{"/area/nowhere", "/queries/nothing", "/qca/nothing", "/notebooks/none", "/nope", "/area/hanwell/pack/pdf"} {
		if code, _ := get(t, c, ts.URL+p); code != http.StatusNotFound {
			t.Errorf("%s: %d, want 404", p, code)
		}
	}
	if code, body := get(t, c, ts.URL+"/?period=twenty"); code != http.StatusBadRequest || !strings.Contains(body, "not a reporting year") {
		t.Errorf("bad period: %d", code)
	}
}

// TestPipelinePages runs the pages on the pipeline's own packs, query
// library and notebooks.
func TestPipelinePages(t *testing.T) {
	st := sampleStore(t)
	_, ts, c := testServer(t, st, Options{})
	for _, p := range []struct {
		path  string
		wants []string
	}{
		{"/area/hanwell", []string{"/area/hanwell/pack/xlsx", "<iframe"}},
		{"/area/hanwell/pack/view", []string{"Hanwell", "<svg"}},
		{"/queries", []string{"compare_areas"}},
		{"/queries/compare_areas?run=1&p_definition=turnout", []string{"Download CSV", "<td>"}},
		{"/queries/area_profile", []string{`<select id="p_area"`, `<option value="hanwell"`}},
		{"/notebooks", []string{"Engagement over time", "/notebooks/leadership"}},
		{"/notebooks/engagement?p_area=hanwell", []string{`<iframe`, `/notebooks/engagement/html?p_area=hanwell`, `<option value="hanwell" selected`}},
		{"/notebooks/engagement/html?p_area=hanwell", []string{"Engagement over time", "<svg", "hanwell"}},
	} {
		code, body := get(t, c, ts.URL+p.path)
		if code != http.StatusOK {
			t.Errorf("%s: %d\n%s", p.path, code, clipText(body, 3000))
			continue
		}
		mustContain(t, p.path, body, p.wants...)
	}
	resp, err := c.Get(ts.URL + "/area/hanwell/pack/xlsx")
	if err != nil {
		t.Fatal(err)
	}
	resp.Body.Close()
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Disposition"), "pack-hanwell.xlsx") {
		t.Errorf("xlsx pack: %d %q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
}
