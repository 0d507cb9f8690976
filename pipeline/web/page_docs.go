package web

import (
	"bytes"
	"context"
	"database/sql"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/report"
	"github.com/ourbiggerstory/obs/pipeline/steps"
)

// Evidence packs and notebooks are whole HTML documents rendered by their
// own packages. They are served on their own, under a CSP that allows no
// script and no request at all, and shown in a sandboxed frame.

const docCSP = "default-src 'none'; style-src 'unsafe-inline'; img-src data:; font-src data:; frame-ancestors 'self'; sandbox allow-same-origin"

var packTypes = map[string]string{
	"html": "text/html; charset=utf-8",
	"xlsx": "application/vnd.openxmlformats-officedocument.spreadsheetml.sheet",
	"pdf":  "application/pdf",
}

// pack serves an area's evidence pack: /area/{id}/pack/{format}, or
// /area/{id}/pack/view for the HTML shown in the area page's frame.
func (s *Server) pack(w http.ResponseWriter, r *http.Request) {
	id, format := r.PathValue("id"), r.PathValue("format")
	view := format == "view"
	if view {
		format = "html"
	}
	if !slices.Contains(s.opt.PackFormats, format) {
		msg := fmt.Sprintf("Evidence packs in %s are not available here.", strings.ToUpper(format))
		if format == "pdf" {
			msg = "PDF packs need Chromium on the server, and it is not installed; download the HTML pack and print it to PDF from your browser."
		}
		s.fail(w, r, "area", notFound{msg})
		return
	}
	period := 0
	if p := r.URL.Query().Get("period"); p != "" {
		var err error
		if period, err = parsePeriod(p); err != nil {
			s.fail(w, r, "area", err)
			return
		}
	}
	// A pack once made is sent from the cache, with no query at all: only
	// an area that exists has one there.
	key := fmt.Sprintf("pack/%s/%d/%s", id, period, format)
	d, ok := s.docs.get(key, s.gen.Load())
	if !ok || format == "pdf" {
		a, err := s.area(r.Context(), id)
		if err != nil {
			s.fail(w, r, "area", err)
			return
		}
		if format == "pdf" {
			defer s.work.end(s.work.start(r, "printing the evidence pack for "+a.Name+" to PDF", "", nil))
		}
		d, err = s.render(r.Context(), key, format != "pdf", func(buf *bytes.Buffer) error {
			in, err := s.packIn.get(s.gen.Load(), func() (packInput, error) {
				data, opt, err := s.packs.Read(r.Context(), s.st)
				return packInput{data, opt}, err
			})
			if err != nil {
				return err
			}
			opt := in.opt
			opt.Period = period
			return steps.WritePack(r.Context(), in.data, opt, a.ID, format, buf)
		})
		if errors.Is(err, report.ErrNoScores) {
			s.fail(w, r, "area", notYet{fmt.Sprintf("The evidence pack for %s needs the scores, and there are none yet: recompute them (the button at the top of the page) and try again.", a.Name)})
			return
		}
		if err != nil {
			s.fail(w, r, "area", fmt.Errorf("the evidence pack for %s could not be made: %w", a.Name, err))
			return
		}
	}
	if view {
		w.Header().Set("Content-Security-Policy", docCSP)
		w.Header().Set("Content-Type", packTypes[format])
	} else {
		name := "pack-" + id
		if period != 0 {
			name += "-" + periodLabel(period)
		}
		download(w, name+"."+format, packTypes[format])
		if format == "html" {
			w.Header().Set("Content-Security-Policy", docCSP)
		}
	}
	d.send(w, r)
}

// packInput is what packs are made from, read once per version of the
// database (steps.Packs reads it again only when the data changed, but
// asks the database whether it did at every call).
type packInput struct {
	data *report.Data
	opt  report.Options
}

func (s *Server) notebookList(w http.ResponseWriter, r *http.Request) {
	s.cached(w, r, "notebooks", func(ctx context.Context) (string, template.HTML, error) {
		list, err := shippedNotebooks()
		if err != nil {
			return "", "", err
		}
		body, err := content("notebooks", map[string]any{"List": list})
		return "Notebooks", body, err
	})
}

func (s *Server) notebookInfo(name string) (NotebookInfo, error) {
	list, err := shippedNotebooks()
	if err != nil {
		return NotebookInfo{}, err
	}
	return byName(list, name, func(n NotebookInfo) string { return n.Name }, "notebook", "Notebooks")
}

// notebookPage shows a rendered notebook in a frame, with a form for its
// parameters.
func (s *Server) notebookPage(w http.ResponseWriter, r *http.Request) {
	s.cached(w, r, "notebooks", func(ctx context.Context) (string, template.HTML, error) {
		n, err := s.notebookInfo(r.PathValue("name"))
		if err != nil {
			return "", "", err
		}
		n.Params, err = s.withChoices(ctx, n.Params)
		if err != nil {
			return "", "", err
		}
		params := paramValues(n.Params, r.URL.Query())
		body, err := content("notebook", map[string]any{"N": n, "Values": params, "Query": paramQuery(params)})
		return n.Title, body, err
	})
}

// notebookDoc serves the rendered notebook itself.
func (s *Server) notebookDoc(w http.ResponseWriter, r *http.Request) {
	n, err := s.notebookInfo(r.PathValue("name"))
	if err != nil {
		s.fail(w, r, "notebooks", err)
		return
	}
	params := paramValues(n.Params, r.URL.Query())
	key := "notebook/" + n.Name + "?" + canonicalQuery(r.URL.Query())
	d, err := s.render(r.Context(), key, true, func(buf *bytes.Buffer) error {
		return s.sb.Do(r.Context(), func(ctx context.Context, db *sql.DB) error {
			_, err := steps.RunNotebook(ctx, db, n.Source, params, buf)
			return err
		})
	})
	if err != nil {
		s.fail(w, r, "notebooks", fmt.Errorf("the notebook %s could not be run: %w", n.Name, err))
		return
	}
	w.Header().Set("Content-Security-Policy", docCSP)
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	if r.URL.Query().Get("download") != "" {
		download(w, n.Name+".html", "text/html; charset=utf-8")
	}
	d.send(w, r)
}
