package web

import (
	"archive/zip"
	"bytes"
	"context"
	"io"
	"net/http"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/forms"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/schemas"
)

// TestReturnTemplates checks that an area's page offers its return
// template for a year, the returns page every area's in a zip, and that
// both send the very workbooks obs template writes.
func TestReturnTemplates(t *testing.T) {
	st := sampleStore(t)
	_, ts, c := testServer(t, st, Options{})
	_, body := get(t, c, ts.URL+"/area/hanwell")
	mustContain(t, "area page", body, `action="/area/hanwell/template"`, `<option value="2021-22">`)
	_, body = get(t, c, ts.URL+"/returns")
	mustContain(t, "returns page", body, `action="/returns/templates.zip"`, `<option value="2021-22">`)

	want := map[string][]byte{}
	rs, err := steps.TemplateReturns(context.Background(), st.DB, "", schemas.Period(2021), nil)
	if err != nil {
		t.Fatal(err)
	}
	for _, r := range rs {
		var buf bytes.Buffer
		if err := forms.Write(&buf, r); err != nil {
			t.Fatal(err)
		}
		want[r.FileName()] = buf.Bytes()
	}
	resp, data := fetch(t, c, ts.URL+"/area/hanwell/template?period=2021-22")
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Disposition"), "hanwell-2021-22.xlsx") ||
		!bytes.Equal(data, want["hanwell-2021-22.xlsx"]) {
		t.Errorf("area template: %d %q, %d bytes; not the workbook obs template writes", resp.StatusCode, resp.Header.Get("Content-Disposition"), len(data))
	}
	resp, data = fetch(t, c, ts.URL+"/returns/templates.zip?period=2021-22")
	if resp.StatusCode != http.StatusOK || !strings.Contains(resp.Header.Get("Content-Disposition"), "return-templates-2021-22.zip") {
		t.Fatalf("templates zip: %d %q", resp.StatusCode, resp.Header.Get("Content-Disposition"))
	}
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	if len(zr.File) != len(want) || len(want) != 15 {
		t.Errorf("the zip holds %d workbooks; want one for each of the %d areas", len(zr.File), len(want))
	}
	for _, f := range zr.File {
		r, _ := f.Open()
		got, _ := io.ReadAll(r)
		r.Close()
		if !bytes.Equal(got, want[f.Name]) {
			t.Errorf("%s in the zip is not the workbook obs template writes", f.Name)
		}
	}
	for path, code := range map[string]int{
		"/area/hanwell/template":                http.StatusBadRequest,
		"/area/hanwell/template?period=someday": http.StatusBadRequest,
		"/area/nowhere/template?period=2021-22": http.StatusNotFound,
		"/returns/templates.zip":                http.StatusBadRequest,
	} {
		if got, body := get(t, c, ts.URL+path); got != code {
			t.Errorf("%s: %d, want %d\n%s", path, got, code, clipText(body, 300))
		}
	}
}
