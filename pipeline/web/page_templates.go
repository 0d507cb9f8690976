package web

import (
	"bytes"
	"fmt"
	"net/http"
	"slices"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/forms"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/schemas"
)

// returnTemplate sends an area's return template for the reporting year
// asked (?period=2021-22): the workbook it fills in, with Excel's checks.
func (s *Server) returnTemplate(w http.ResponseWriter, r *http.Request) {
	a, err := s.area(r.Context(), r.PathValue("id"))
	if err != nil {
		s.fail(w, r, "area", err)
		return
	}
	rs, err := s.templateReturns(r, a.ID)
	if err != nil {
		s.fail(w, r, "area", err)
		return
	}
	var buf bytes.Buffer
	if err := forms.Write(&buf, rs[0]); err != nil {
		s.fail(w, r, "area", fmt.Errorf("the return template for %s could not be made: %w", a.Name, err))
		return
	}
	download(w, rs[0].FileName(), packTypes["xlsx"])
	w.Write(buf.Bytes())
}

// returnTemplates sends every area's return template for the reporting
// year asked, in one zip.
func (s *Server) returnTemplates(w http.ResponseWriter, r *http.Request) {
	rs, err := s.templateReturns(r, "")
	if err != nil {
		s.fail(w, r, "returns", err)
		return
	}
	var buf bytes.Buffer
	if err := steps.WriteTemplatesZip(&buf, rs); err != nil {
		s.fail(w, r, "returns", fmt.Errorf("the return templates could not be made: %w", err))
		return
	}
	download(w, "return-templates-"+rs[0].Period.String()+".zip", "application/zip")
	w.Write(buf.Bytes())
}

// templateReturns are the templates asked for: area's (every area's when
// ""), for the request's period.
func (s *Server) templateReturns(r *http.Request, area string) ([]*forms.Return, error) {
	asked := r.URL.Query().Get("period")
	if asked == "" {
		return nil, badRequest{"Choose the reporting year the return is for (2021-22)."}
	}
	p, err := parsePeriod(asked)
	if err != nil {
		return nil, err
	}
	return steps.TemplateReturns(r.Context(), s.st.DB, area, schemas.Period(p), nil)
}

// templatePeriods are the reporting years a template is offered for, the
// latest first: every year loaded, the year just ended and this one.
func templatePeriods(loaded []int, now time.Time) []int {
	this := int(schemas.PeriodOf(now))
	ps := append(slices.Clone(loaded), this-1, this)
	slices.Sort(ps)
	ps = slices.Compact(ps)
	slices.Reverse(ps)
	return ps
}
