package web

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// methodVersion is saved version v of the method, or the method in use for
// "" or "current"; a page's "not found" when there is no such version.
func (s *Server) methodVersion(r *http.Request, v string) (*analysis.Method, error) {
	if v == "" || v == "current" {
		return steps.CurrentMethod(r.Context(), s.st.DB)
	}
	n, err := strconv.Atoi(v)
	if err != nil {
		return nil, badRequest{fmt.Sprintf("%q is not a version of the method: give its number, as the Method page lists them.", v)}
	}
	m, err := steps.MethodVersion(r.Context(), s.st.DB, n)
	if errors.Is(err, steps.ErrNoMethodVersion) {
		return nil, notFound{strings.ToUpper(err.Error()[:1]) + err.Error()[1:] + "."}
	}
	return m, err
}

// methodCompare shows what changes from version a to version b, a line a
// setting.
func (s *Server) methodCompare(w http.ResponseWriter, r *http.Request) {
	q := r.URL.Query()
	a, err := s.methodVersion(r, q.Get("a"))
	if err != nil {
		s.fail(w, r, "method", err)
		return
	}
	b, err := s.methodVersion(r, q.Get("b"))
	if err != nil {
		s.fail(w, r, "method", err)
		return
	}
	vs, err := steps.MethodVersions(r.Context(), s.st.DB)
	if err != nil {
		s.fail(w, r, "method", err)
		return
	}
	body, err := content("method_compare", map[string]any{"A": a, "B": b, "Versions": vs,
		"Changes": analysis.CompareMethods(a, b, mustDefs())})
	if err != nil {
		s.fail(w, r, "method", err)
		return
	}
	s.show(w, r, http.StatusOK, "method", fmt.Sprintf("Method: version %d and version %d", a.Version, b.Version), body)
}

// methodExport sends a version of the method as the files the flags read,
// in a zip, with a README saying the commands that use them.
func (s *Server) methodExport(w http.ResponseWriter, r *http.Request) {
	m, err := s.methodVersion(r, r.PathValue("v"))
	if err != nil {
		s.fail(w, r, "method", err)
		return
	}
	b, err := methodZip(m)
	if err != nil {
		s.fail(w, r, "method", err)
		return
	}
	name := "method-in-use.zip"
	if m.Version > 0 {
		name = fmt.Sprintf("method-version-%d.zip", m.Version)
	}
	download(w, name, "application/zip")
	w.Write(b)
}

// methodZip holds the method's files and a README.txt with the commands.
func methodZip(m *analysis.Method) ([]byte, error) {
	var buf bytes.Buffer
	z := zip.NewWriter(&buf)
	names, err := m.ExportNames()
	if err != nil {
		return nil, err
	}
	for _, n := range names {
		f, err := z.Create(n)
		if err != nil {
			return nil, err
		}
		if _, err := f.Write(m.Files[n]); err != nil {
			return nil, err
		}
	}
	f, err := z.Create("README.txt")
	if err != nil {
		return nil, err
	}
	f.Write([]byte(methodReadme(m)))
	if err := z.Close(); err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

// methodReadme says what the files are and the commands that use them.
func methodReadme(m *analysis.Method) string {
	what := "the method in use (not saved as a version)"
	if m.Version > 0 {
		what = fmt.Sprintf("version %d of the method, saved %s by %s: %s", m.Version, m.SavedAt.UTC().Format("2 January 2006, 15:04 UTC"), m.SavedBy, m.Note)
	}
	score, classify := m.Commands("")
	return "These files are " + what + ".\n" +
		"Evaluators in overrides.csv are pseudonyms. With these files in the current folder, the same scores, ranks and labels come from these commands (the Monte Carlo draws and the sensitivity samples take the commands' defaults):\n\n" +
		score + "\n" + classify + "\n"
}

// methodRestore saves a copy of an earlier version as the newest, then
// makes the results again with it.
func (s *Server) methodRestore(w http.ResponseWriter, r *http.Request) {
	if s.opt.Keyring == nil {
		s.fail(w, r, "method", badRequest{"Restoring the method is off on this server: it has no pseudonym key to record who restored it (start obs serve with --key)."})
		return
	}
	v, err := strconv.Atoi(r.PostFormValue("version"))
	if err != nil {
		s.fail(w, r, "method", badRequest{"The restore form needs the number of the version to restore."})
		return
	}
	who := s.pseudonym(r)
	var n int
	err = s.write(r.Context(), func(st *store.Store) (err error) {
		n, err = steps.RestoreMethod(r.Context(), st, v, who)
		return err
	})
	if errors.Is(err, steps.ErrNoMethodVersion) {
		err = notFound{err.Error()}
	}
	if err == nil {
		err = s.opt.Keyring.Save()
	}
	if err != nil {
		s.fail(w, r, "method", err)
		return
	}
	s.recompute(who)
	http.Redirect(w, r, methodPath+"?"+url.Values{"saved": {strconv.Itoa(n)}, "from": {strconv.Itoa(v)}}.Encode(), http.StatusSeeOther)
}
