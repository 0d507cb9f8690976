package web

import (
	"encoding/csv"
	"errors"
	"net/http"
	"net/url"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

// Overriding a label where its evidence is read: the area page's form
// (label, rationale, the evaluator's name) sets the label for that area and
// year, as a line of an overrides file would, read by the same code and
// refused with the same messages. The name is kept only as a pseudonym.
// Choosing "the computed label" removes an override. Each change is saved
// as a new version of the method (steps.SetOverride), keeping every other
// override and setting.

// csrfSlot stands, in a page's cached content, for the CSRF token drawn for
// each request (show puts it in). Literal template text, so no data shown on
// a page can forge it.
const csrfSlot = "<!--csrf-->"

const overrideFormName = "the override form"

func (s *Server) override(w http.ResponseWriter, r *http.Request) {
	if s.opt.Keyring == nil {
		s.fail(w, r, "area", badRequest{"Overrides are off on this server: it has no pseudonym key to record who made them (start obs serve with --key)."})
		return
	}
	a, err := s.area(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "area", err)
		return
	}
	period, ok := schemas.ParsePeriod(r.PostFormValue("period"))
	if !ok {
		s.fail(w, r, "area", badRequest{"The override form needs the reporting year, such as 2021-22."})
		return
	}
	var o *analysis.Override
	if label := strings.TrimSpace(r.PostFormValue("label")); label != "computed" {
		if o, err = readOverride(a.ID, period, label, r.PostFormValue("rationale"), r.PostFormValue("evaluator"), s.opt.Keyring.Pseudonym); err != nil {
			s.fail(w, r, "area", badRequest{err.Error()})
			return
		}
	}
	by := s.pseudonym(r) // who saves the method's new version: the evaluator named, when setting a label
	if o != nil {
		by = o.By
	}
	err = s.write(r.Context(), func(st *store.Store) error {
		_, err := steps.SetOverride(steps.As(r.Context(), s.pseudonym(r)), st, a.ID, int(period), o, by)
		return err
	})
	if err == nil {
		err = s.opt.Keyring.Save() // the evaluator's name, to be replaced wherever it appears later
	}
	if err != nil {
		s.fail(w, r, "area", err)
		return
	}
	back := url.URL{Path: "/area/" + a.ID, RawQuery: url.Values{"period": {period.String()}}.Encode(), Fragment: "model-h"}
	http.Redirect(w, r, back.String(), http.StatusSeeOther)
}

// readOverride reads the form as the one line of an overrides file.
func readOverride(area string, period schemas.Period, label, rationale, evaluator string, pseudonym func(string) string) (*analysis.Override, error) {
	var b strings.Builder
	cw := csv.NewWriter(&b)
	cw.Write([]string{"area", "period", "label", "rationale", "evaluator"})
	cw.Write([]string{area, period.String(), label, strings.TrimSpace(rationale), strings.TrimSpace(evaluator)})
	cw.Flush()
	ov, err := analysis.ReadOverrides(overrideFormName, []byte(b.String()), pseudonym)
	if err != nil {
		return nil, err
	}
	if len(ov.List) != 1 {
		return nil, errors.New("the override form gave no override")
	}
	return ov.List[0], nil
}

// overrideLabels are the labels the form offers.
func overrideLabels() []string {
	return []string{"model 1", "model 2", "model 3", "hybrid 1+2", "hybrid 1+3", "hybrid 2+3", "hybrid 1+2+3", analysis.Unclassified}
}
