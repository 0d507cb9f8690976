package web

import (
	"context"
	"errors"
	"fmt"
	"net/http"
	"net/url"
	"strconv"
	"sync"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// The Method page shows the settings the results follow (the latest saved
// version of the method, or the settings they were last made with), lets
// an evaluator edit them (method_form.go), preview what would change, and
// save them as a new version, after which the results are made again. The
// versions are listed, compared, exported and restored
// (method_versions.go). Saving and restoring record who did it as a
// pseudonym (steps.SaveMethod audits it).

const methodPath = "/method"

// methodView is what the Method page shows.
type methodView struct {
	Current  *analysis.Method
	Form     *methodForm
	Preview  *steps.MethodPreview
	Versions []*analysis.Method
	Done     string // what was just done: "saved as version 4"...
	Problem  string // why the form was not taken, beside no one field
	CanSave  bool
}

func (s *Server) methodPage(w http.ResponseWriter, r *http.Request) {
	v, err := s.methodView(r)
	if err != nil {
		s.fail(w, r, "method", err)
		return
	}
	if f, err := formOf(v.Current, mustDefs()); err == nil {
		v.Form = f
	} else {
		v.Problem = "The method in use cannot be read, so it cannot be edited here: " + err.Error()
	}
	q := r.URL.Query()
	if n, err := strconv.Atoi(q.Get("saved")); err == nil {
		v.Done = fmt.Sprintf("Saved as version %d.", n)
		if from := q.Get("from"); from != "" {
			v.Done = fmt.Sprintf("Version %s restored, as version %d.", from, n)
		}
		if s.stateView(r.Context()).Running {
			v.Done += " The scores and labels are being made again with it; this page updates itself when they are ready."
		} else {
			v.Done += " The scores and labels follow it."
		}
	}
	s.showMethod(w, r, http.StatusOK, v)
}

// methodView reads the method in use and the saved versions.
func (s *Server) methodView(r *http.Request) (*methodView, error) {
	ctx := r.Context()
	cur, err := steps.CurrentMethod(ctx, s.st.DB)
	if err != nil {
		return nil, err
	}
	vs, err := steps.MethodVersions(ctx, s.st.DB)
	if err != nil {
		return nil, err
	}
	return &methodView{Current: cur, Versions: vs, CanSave: s.opt.Keyring != nil}, nil
}

func (s *Server) showMethod(w http.ResponseWriter, r *http.Request, status int, v *methodView) {
	body, err := content("method", v)
	if err != nil {
		s.fail(w, r, "method", err)
		return
	}
	s.show(w, r, status, "method", "Method", body)
}

// methodPost previews or saves the form (the button sent says which).
func (s *Server) methodPost(w http.ResponseWriter, r *http.Request) {
	v, err := s.methodView(r)
	if err != nil {
		s.fail(w, r, "method", err)
		return
	}
	save := r.PostFormValue("action") == "save"
	pseudonym := func(name string) string { return name } // a preview stores nothing
	if save {
		if s.opt.Keyring == nil {
			s.fail(w, r, "method", badRequest{"Saving the method is off on this server: it has no pseudonym key to record who saved it (start obs serve with --key)."})
			return
		}
		pseudonym = s.opt.Keyring.Pseudonym
	}
	f, m := readMethodForm(r, v.Current, mustDefs(), pseudonym)
	v.Form = f
	if m == nil {
		v.Problem = "Nothing was " + map[bool]string{true: "saved", false: "previewed"}[save] + ": the fields marked below need changing first."
		s.showMethod(w, r, http.StatusBadRequest, v)
		return
	}
	if !save {
		if v.Preview, err = s.previewMethod(r, m); err != nil {
			v.Problem = "The preview could not be made: " + err.Error()
			s.showMethod(w, r, http.StatusBadRequest, v)
			return
		}
		s.showMethod(w, r, http.StatusOK, v)
		return
	}
	who := s.pseudonym(r)
	m.SavedBy = who
	var n int
	err = s.write(r.Context(), func(st *store.Store) (err error) {
		n, err = saveMethod(r.Context(), st, m, f.Base)
		return err
	})
	if err == nil {
		err = s.opt.Keyring.Save() // names given in the overrides, to be replaced wherever they appear later
	}
	var moved errMethodMoved
	if errors.As(err, &moved) {
		v.Current, f.Base = moved.now, moved.now.Version
		v.Problem = fmt.Sprintf("Version %d was saved by %s since this page was drawn, so nothing was saved: preview your changes against it (they are kept below), then save again.", moved.now.Version, moved.now.SavedBy)
		s.showMethod(w, r, http.StatusConflict, v)
		return
	}
	if err != nil {
		v.Problem = "Nothing was saved: " + err.Error()
		s.showMethod(w, r, http.StatusBadRequest, v)
		return
	}
	s.recompute(who)
	http.Redirect(w, r, methodPath+"?"+url.Values{"saved": {strconv.Itoa(n)}}.Encode(), http.StatusSeeOther)
}

// errMethodMoved: a version was saved since the form was drawn.
type errMethodMoved struct{ now *analysis.Method }

func (e errMethodMoved) Error() string { return "the method changed since the form was drawn" }

// saveMethod saves m as the newest version, provided the version in use is
// still base, the one the form was drawn from (steps.SaveMethod keeps the
// settings the first save replaces as version 1).
func saveMethod(ctx context.Context, st *store.Store, m *analysis.Method, base int) (int, error) {
	cur, err := steps.CurrentMethod(ctx, st.DB)
	if err != nil {
		return 0, err
	}
	if cur.Version != base {
		return 0, errMethodMoved{cur}
	}
	return steps.SaveMethod(ctx, st, m)
}

// previewMethod computes what m would change, on a copy of the database,
// against the results of the method in use, which are computed once for
// each state of the database.
func (s *Server) previewMethod(r *http.Request, m *analysis.Method) (*steps.MethodPreview, error) {
	gen := s.gen.Load() // before the copy is made: a change after it makes another
	st, err := store.OpenScratch(r.Context(), s.opt.DB)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	base, err := s.preview.get(gen, func() (*steps.Results, error) { return steps.PreviewBase(r.Context(), st) })
	if err != nil {
		return nil, err
	}
	return steps.PreviewMethod(r.Context(), st, m, base)
}

// previewBase holds the results of the method in use as previews compare
// them, for one state of the database (Server.gen).
type previewBase struct {
	mu  sync.Mutex
	gen int64
	res *steps.Results
}

// get is the results kept for gen, made by compute when there are none.
func (b *previewBase) get(gen int64, compute func() (*steps.Results, error)) (*steps.Results, error) {
	b.mu.Lock()
	defer b.mu.Unlock()
	if b.res == nil || b.gen != gen {
		res, err := compute()
		if err != nil {
			return nil, err
		}
		b.gen, b.res = gen, res
	}
	return b.res, nil
}

// mustDefs are the built-in definitions, which are part of obs.
func mustDefs() *analysis.Definitions {
	defs, err := analysis.LoadDefinitions(analysis.BuiltinDefinitions(), "")
	if err != nil {
		panic(err) // embedded at build time, and tested
	}
	return defs
}
