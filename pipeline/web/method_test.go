package web

import (
	"archive/zip"
	"bytes"
	"context"
	"errors"
	"html"
	"io"
	"net/http"
	"net/url"
	"path"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/position"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// methodEdit is the edit the method tests make on the sample: a heavier
// weight of turnout, which moves composite ranks, and a lower crossover of
// model 1's "partnership decides", which turns areas the sample built
// between models 1 and 2 (hybrid 1+2 in some years) into model 1.
var methodEdit = url.Values{"w.turnout": {"3"}, "a.0.cross": {"0.5"}}

// methodForm is the Method page's form as the page fills it, with edits
// laid over it, ready to post.
func methodFormValues(t *testing.T, page string, edits url.Values) url.Values {
	t.Helper()
	form := url.Values{}
	for _, m := range regexp.MustCompile(`<input [^>]*name="([^"]+)" value="([^"]*)"`).FindAllStringSubmatch(page, -1) {
		form.Set(html.UnescapeString(m[1]), html.UnescapeString(m[2]))
	}
	for _, m := range regexp.MustCompile(`(?s)<textarea id="[^"]+" name="([^"]+)"[^>]*>(.*?)</textarea>`).FindAllStringSubmatch(page, -1) {
		form.Set(m[1], html.UnescapeString(m[2]))
	}
	for _, m := range regexp.MustCompile(`(?s)<select id="[^"]+" name="(normalisation|aggregation)".*?<option value="([^"]+)" selected>`).FindAllStringSubmatch(page, -1) {
		form.Set(m[1], m[2])
	}
	if form.Get("w.turnout") == "" || form.Get("a.0.cross") == "" || form.Get("codebook") == "" || form.Get("normalisation") == "" {
		t.Fatalf("the Method page's form lacks fields: %v", form)
	}
	for k, v := range edits {
		form[k] = v
	}
	return form
}

// postNoFollow posts a form and returns the response, not following a redirect.
func postNoFollow(t *testing.T, c *http.Client, u string, form url.Values) (*http.Response, string) {
	t.Helper()
	c.CheckRedirect = func(*http.Request, []*http.Request) error { return http.ErrUseLastResponse }
	defer func() { c.CheckRedirect = nil }()
	resp, err := c.PostForm(u, form)
	if err != nil {
		t.Fatal(err)
	}
	defer resp.Body.Close()
	b, _ := io.ReadAll(resp.Body)
	return resp, string(b)
}

// byID is the text of the element with that id (up to its first tag).
func byID(page, id string) string {
	m := regexp.MustCompile(`(?s)id="` + regexp.QuoteMeta(id) + `"[^>]*>(.*?)</`).FindStringSubmatch(page)
	if m == nil {
		return ""
	}
	return html.UnescapeString(m[1])
}

// message is what analysis says of a file, without its position: the words
// the page must show.
func message(t *testing.T, err error) string {
	t.Helper()
	var pe *position.Error
	if !errors.As(err, &pe) {
		t.Fatalf("not a file's error: %v", err)
	}
	return pe.Message()
}

// TestMethodFormRefusesWithTheFilesWords: a bad weight, anchors out of
// order, a bad codebook line and a coverage out of range are each told
// beside their field, in the words the files' readers use, with what was
// typed kept; nothing is saved.
func TestMethodFormRefusesWithTheFilesWords(t *testing.T) {
	st := sampleStore(t)
	_, ts, c := testServer(t, st, Options{})
	_, page := get(t, c, ts.URL+"/method")
	mustContain(t, "the Method page", page, `<a href="/method" aria-current="page">Method</a>`, `id="w-turnout"`, "partnership decides",
		"Leadership/Partnership*", "no version of the method is saved yet")
	badCodebook := "code,target_type,target\nLeadership/Partnership*,modle,1\n"
	form := methodFormValues(t, page, url.Values{"w.turnout": {"-1"}, "a.0.cross": {"0.3"}, "codebook": {badCodebook}, "coverage": {"2"}, "action": {"save"}, "note": {"try"}})
	resp, body := postNoFollow(t, c, ts.URL+"/method", form)
	if resp.StatusCode != http.StatusBadRequest {
		t.Fatalf("a bad form: %d %s", resp.StatusCode, clipText(body, 400))
	}
	defs := mustDefs()
	_, werr := analysis.ReadWeights("w", []byte("definition,weight\nturnout,-1\n"), defs)
	_, rerr := analysis.ReadRubric("r", []byte("model,indicator,expression,full_non_membership,crossover,full_membership\n1,x,y,"+form.Get("a.0.non")+",0.3,"+form.Get("a.0.full")+"\n"), nil)
	_, cerr := analysis.ReadCodebook("c", []byte(badCodebook), defs.Names())
	for id, want := range map[string]string{"w-turnout-err": message(t, werr), "a-0-err": message(t, rerr), "codebook-err": message(t, cerr),
		"coverage-err": "the coverage threshold must be between 0 and 1, not 2"} {
		if got := byID(body, id); !strings.Contains(got, want) {
			t.Errorf("beside its field (%s) the page says %q, want %q", id, got, want)
		}
	}
	for _, kept := range []string{`name="w.turnout" value="-1"`, `name="a.0.cross" value="0.3"`, html.EscapeString(badCodebook), `name="coverage" value="2"`, `value="try"`} {
		if !strings.Contains(body, kept) {
			t.Errorf("the form does not keep %s", kept)
		}
	}
	if byID(body, "w-composition-err") != "" || strings.Contains(body, `id="a-1-err"`) {
		t.Errorf("a field not at fault is marked")
	}
	// Every form of the page goes through the CSRF check.
	good := methodFormValues(t, page, url.Values{"action": {"save"}})
	good.Del("csrf")
	for u, form := range map[string]url.Values{"/method": good, "/method/restore": {"version": {"1"}}} {
		if resp, _ := postNoFollow(t, c, ts.URL+u, form); resp.StatusCode != http.StatusForbidden {
			t.Errorf("POST %s without the CSRF token: %d, want 403", u, resp.StatusCode)
		}
	}
	if n := count(t, st, "SELECT count(*) FROM method_versions"); n != 0 {
		t.Errorf("%d versions saved from a bad form or without the CSRF token", n)
	}
}

// TestMethodPreviewSaveCompareExportRestore: the preview lists the areas
// that move and the labels that change, writing nothing; saving makes the
// results again as the preview said; the versions compare setting by
// setting, export as files the flags' readers accept, and the earlier one
// restores the results as they were.
func TestMethodPreviewSaveCompareExportRestore(t *testing.T) {
	st := sampleStore(t)
	srv, ts, c := testServer(t, st, Options{User: "Ann Evaluator"})
	labelsBefore := labelsOf(t, st)
	_, page := get(t, c, ts.URL+"/method")
	form := methodFormValues(t, page, methodEdit)

	// Unchanged: nothing changes.
	form0 := methodFormValues(t, page, nil)
	form0.Set("action", "preview")
	if resp, body := postNoFollow(t, c, ts.URL+"/method", form0); resp.StatusCode != 200 || !strings.Contains(body, `id="preview-nothing"`) {
		t.Errorf("previewing the method in use: %d, says nothing changes: %v", resp.StatusCode, strings.Contains(body, `id="preview-nothing"`))
	}

	form.Set("action", "preview")
	resp, body := postNoFollow(t, c, ts.URL+"/method", form)
	if resp.StatusCode != 200 {
		t.Fatalf("preview: %d %s", resp.StatusCode, clipText(body, 400))
	}
	moves, labels := tableRows(body, "preview-moves"), tableRows(body, "preview-labels")
	if len(moves) == 0 || len(labels) == 0 || strings.Contains(body, `id="preview-nothing"`) {
		t.Fatalf("the preview lists %d moves and %d label changes", len(moves), len(labels))
	}
	if n := count(t, st, "SELECT count(*) FROM method_versions"); n != 0 || !sameLabels(labelsBefore, labelsOf(t, st)) {
		t.Fatalf("the preview wrote: %d versions, labels changed %v", n, !sameLabels(labelsBefore, labelsOf(t, st)))
	}
	if !strings.Contains(body, `name="w.turnout" value="3"`) {
		t.Errorf("the preview does not keep the edit in the form")
	}

	// Save: the results are made again, as the preview said.
	form.Set("action", "save")
	form.Set("note", "turnout counts three times; model 1 from 0.5 of decisions")
	resp, body = postNoFollow(t, c, ts.URL+"/method", form)
	if resp.StatusCode != http.StatusSeeOther || resp.Header.Get("Location") != "/method?saved=2" {
		t.Fatalf("save: %d %s %s", resp.StatusCode, resp.Header.Get("Location"), clipText(body, 400))
	}
	// The same form again, drawn before version 2: refused, kept.
	resp, body = postNoFollow(t, c, ts.URL+"/method", form)
	if resp.StatusCode != http.StatusConflict || !strings.Contains(byID(body, "method-problem"), "Version 2 was saved by P-") || !strings.Contains(body, `name="w.turnout" value="3"`) {
		t.Errorf("a save from a page drawn before version 2: %d %q", resp.StatusCode, byID(body, "method-problem"))
	}
	waitIdle(t, srv)
	if n := count(t, st, "SELECT count(*) FROM method_versions"); n != 2 {
		t.Errorf("%d versions after a save and a refused one, want 2", n)
	}
	after := labelsOf(t, st)
	for _, l := range labels { // area, year, was, now
		k := l[0] + " " + l[1]
		if labelsBefore[k] != l[2] || after[k] != l[3] {
			t.Errorf("%s: the preview said %s → %s; the labels were %s and are %s", k, l[2], l[3], labelsBefore[k], after[k])
		}
	}
	ranks := ranksOf(t, st)
	for _, m := range moves { // area, year, rank was, rank now...
		if got := ranks[m[0]+" "+m[1]]; got != m[3] {
			t.Errorf("%s %s: the preview said rank %s, the results say %s", m[0], m[1], m[3], got)
		}
	}
	var by, note string
	if err := st.DB.QueryRow("SELECT saved_by, note FROM method_versions WHERE version = 2").Scan(&by, &note); err != nil {
		t.Fatal(err)
	}
	if !strings.HasPrefix(by, "P-") || note != form.Get("note") {
		t.Errorf("version 2 saved by %q with note %q", by, note)
	}
	if n := count(t, st, "SELECT count(*) FROM method_versions WHERE saved_by ILIKE '%ann%' OR note ILIKE '%ann%'"); n != 0 {
		t.Errorf("the evaluator's name is in the method's versions")
	}
	if n := count(t, st, "SELECT count(*) FROM audit WHERE action = 'settings' AND changed_by = '"+by+"'"); n != 2 {
		t.Errorf("%d settings changes audited, want 2 (the settings replaced, kept as version 1, and the edit)", n)
	}
	_, page = get(t, c, ts.URL+"/method?saved=2")
	mustContain(t, "the Method page after saving", page, "<strong>version 2</strong>", html.EscapeString(form.Get("note")), `id="method-done"`)

	// Compare, as CompareMethods says, setting by setting.
	_, cmp := get(t, c, ts.URL+"/method/compare?a=1&b=2")
	v1, _ := steps.MethodVersion(context.Background(), st.DB, 1)
	v2, _ := steps.MethodVersion(context.Background(), st.DB, 2)
	changes := analysis.CompareMethods(v1, v2, mustDefs())
	if len(changes) != 2 {
		t.Errorf("versions 1 and 2 differ in %d settings, want the weight and the anchor: %v", len(changes), changes)
	}
	rows := tableRows(cmp, "method-changes")
	if len(rows) != len(changes) {
		t.Fatalf("the comparison shows %d rows, want %d", len(rows), len(changes))
	}
	for i, ch := range changes {
		if rows[i][0] != ch.Setting || rows[i][1] != ch.Was || rows[i][2] != ch.Now {
			t.Errorf("comparison row %d: %v, want %+v", i, rows[i], ch)
		}
	}

	// Export: the files the flags read.
	checkExport(t, c, ts.URL+"/method/export/2", 3)

	// Restore version 1: the labels as they were.
	_, page = get(t, c, ts.URL+"/method")
	resp, body = postNoFollow(t, c, ts.URL+"/method/restore", url.Values{"csrf": {csrfFrom(t, page)}, "version": {"1"}})
	if resp.StatusCode != http.StatusSeeOther {
		t.Fatalf("restore: %d %s", resp.StatusCode, clipText(body, 400))
	}
	waitIdle(t, srv)
	if got := labelsOf(t, st); !sameLabels(labelsBefore, got) {
		t.Errorf("after restoring version 1 the labels are not as they were")
	}
	_, page = get(t, c, ts.URL+"/method")
	mustContain(t, "the Method page after restoring", page, "<strong>version 3</strong>", "restored from version 1")
}

// checkExport reads an exported version with the readers of the flags'
// files: every file is there and reads, the weight of turnout is as saved.
func checkExport(t *testing.T, c *http.Client, u string, turnout float64) {
	t.Helper()
	resp, b := fetch(t, c, u)
	if resp.StatusCode != 200 || resp.Header.Get("Content-Type") != "application/zip" {
		t.Fatalf("export: %d %s", resp.StatusCode, resp.Header.Get("Content-Type"))
	}
	z, err := zip.NewReader(bytes.NewReader(b), int64(len(b)))
	if err != nil {
		t.Fatal(err)
	}
	files := map[string][]byte{}
	for _, f := range z.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		files[f.Name], _ = io.ReadAll(r)
		r.Close()
	}
	defs := mustDefs()
	w, err := analysis.ReadWeights("weights.csv", files["weights.csv"], defs)
	if err != nil || w.W["turnout"] != turnout {
		t.Errorf("the exported weights.csv: %v, turnout %v", err, w)
	}
	if _, err := analysis.ReadRubric("rubric.csv", files["rubric.csv"], func(name string) (string, []byte, error) {
		b, ok := files[path.Clean(name)]
		if !ok {
			return name, nil, errors.New("not in the export")
		}
		return name, b, nil
	}); err != nil {
		t.Errorf("the exported rubric.csv: %v", err)
	}
	if _, err := analysis.ReadCodebook("codebook.csv", files["codebook.csv"], defs.Names()); err != nil {
		t.Errorf("the exported codebook.csv: %v", err)
	}
	if _, err := analysis.ReadOverrides("overrides.csv", files["overrides.csv"], func(s string) string { return s }); err != nil {
		t.Errorf("the exported overrides.csv: %v", err)
	}
	if r := string(files["README.txt"]); !strings.Contains(r, "obs score --weights weights.csv") || !strings.Contains(r, "obs classify --rubric rubric.csv --codebook codebook.csv --overrides overrides.csv") {
		t.Errorf("the README does not give the commands:\n%s", r)
	}
}

func waitIdle(t *testing.T, srv *Server) {
	t.Helper()
	ctx, cancel := context.WithTimeout(context.Background(), 2*time.Minute)
	defer cancel()
	if err := srv.WaitIdle(ctx); err != nil {
		t.Fatal(err)
	}
	srv.state.mu.Lock()
	failed := srv.state.lastErr
	srv.state.mu.Unlock()
	if failed != "" {
		t.Fatalf("the recompute failed: %s", failed)
	}
}

// tableRows are the cells of the table with that id, a row each.
func tableRows(page, id string) [][]string {
	m := regexp.MustCompile(`(?s)<table class="data" id="` + id + `">.*?<tbody>(.*?)</tbody>`).FindStringSubmatch(page)
	if m == nil {
		return nil
	}
	var rows [][]string
	tag := regexp.MustCompile(`<[^>]+>`)
	for _, tr := range regexp.MustCompile(`(?s)<tr>(.*?)</tr>`).FindAllStringSubmatch(m[1], -1) {
		var cells []string
		for _, td := range regexp.MustCompile(`(?s)<t[hd][^>]*>(.*?)</t[hd]>`).FindAllStringSubmatch(tr[1], -1) {
			cells = append(cells, strings.TrimSpace(html.UnescapeString(tag.ReplaceAllString(td[1], ""))))
		}
		rows = append(rows, cells)
	}
	return rows
}

// labelsOf are the labels by "area name year".
func labelsOf(t *testing.T, st *store.Store) map[string]string {
	return pairs(t, st, "SELECT a.name || ' ' || k.period || '-' || right(CAST(k.period + 1 AS VARCHAR), 2), k.label FROM classifications k JOIN areas a USING (area_id)")
}

// ranksOf are the composite ranks (R1) by "area name year".
func ranksOf(t *testing.T, st *store.Store) map[string]string {
	return pairs(t, st, "SELECT a.name || ' ' || s.period || '-' || right(CAST(s.period + 1 AS VARCHAR), 2), CAST(s.rank AS VARCHAR) FROM scores s JOIN areas a USING (area_id) WHERE s.definition = 'all' AND s.resident_def = 'R1' AND s.value IS NOT NULL")
}

func pairs(t *testing.T, st *store.Store, q string) map[string]string {
	t.Helper()
	rows, err := st.DB.Query(q)
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var k, v string
		if err := rows.Scan(&k, &v); err != nil {
			t.Fatal(err)
		}
		m[k] = v
	}
	return m
}

func sameLabels(a, b map[string]string) bool {
	if len(a) != len(b) {
		return false
	}
	for k, v := range a {
		if b[k] != v {
			return false
		}
	}
	return true
}
