package web

import (
	"bytes"
	"context"
	"database/sql"
	"embed"
	"errors"
	"html/template"
	"net/http"
	"net/url"
	"sort"
	"strconv"
	"strings"
	"sync"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

//go:embed templates/*.html static/*
var assets embed.FS

var templates = template.Must(template.New("").Funcs(template.FuncMap{
	"period":  periodLabel,
	"num":     tabular.Number,
	"pct":     tabular.NullPercent,
	"nullnum": tabular.NullNumber,
	"plural":  tabular.Plural,
	"query":   func(v url.Values) template.URL { return template.URL(v.Encode()) },
	"fit":     fit3,
	"when":    func(t time.Time) string { return t.UTC().Format("2 January 2006, 15:04 UTC") },
}).ParseFS(assets, "templates/*.html"))

// layoutData is what the layout around every page shows.
type layoutData struct {
	Title     string
	Nav       string // which menu item is the current page
	Path      string // this page, to come back to after a form
	Synthetic bool
	CSRF      string
	State     stateView
	Reload    bool // the page may reload itself (it answered a GET)
	SignedIn  bool // by token: offer to sign out
}

type sessionKey struct{}

type whoKey struct{}

// withWho records who sends the request: the person signed in, or the
// account the server runs as.
func withWho(ctx context.Context, who string) context.Context {
	return context.WithValue(ctx, whoKey{}, who)
}

// who is the person a request comes from, by name (never stored: see
// pseudonym).
func who(r *http.Request) string {
	w, _ := r.Context().Value(whoKey{}).(string)
	return w
}

func withSession(ctx context.Context, sid string) context.Context {
	return context.WithValue(ctx, sessionKey{}, sid)
}

func (s *Server) csrfFor(r *http.Request) string {
	sid, _ := r.Context().Value(sessionKey{}).(string)
	return s.csrfToken(sid)
}

// content renders the named content template into HTML.
func content(name string, data any) (template.HTML, error) {
	var b bytes.Buffer
	if err := templates.ExecuteTemplate(&b, name, data); err != nil {
		return "", err
	}
	return template.HTML(b.String()), nil
}

// show writes a page: content inside the layout. The layout's head is
// drawn for each request (the banner, the state of the analyses, the CSRF
// token); the content, often from the page cache, is written as it is.
func (s *Server) show(w http.ResponseWriter, r *http.Request, status int, nav, title string, body template.HTML) {
	d, head, foot, ok := s.layout(w, r, nav, title)
	if !ok {
		return
	}
	defer bufPool.Put(head)
	defer bufPool.Put(foot)
	head.WriteString(strings.ReplaceAll(string(body), csrfSlot, d.CSRF))
	head.Write(foot.Bytes())
	w.Header().Set("Content-Type", "text/html; charset=utf-8")
	w.Header().Set("Content-Length", strconv.Itoa(head.Len()))
	w.WriteHeader(status)
	w.Write(head.Bytes())
}

// showKept writes a page from the page cache: gzipped as it is kept to a
// browser that accepts gzip, else unpacked.
func (s *Server) showKept(w http.ResponseWriter, r *http.Request, status int, nav string, p cachedPage) {
	if !acceptsGzip(r) {
		body, err := p.content()
		if err != nil {
			s.fail(w, r, nav, err)
			return
		}
		s.show(w, r, status, nav, p.title, body)
		return
	}
	d, head, foot, ok := s.layout(w, r, nav, p.title)
	if !ok {
		return
	}
	defer bufPool.Put(head)
	defer bufPool.Put(foot)
	out := bufPool.Get().(*bytes.Buffer)
	defer bufPool.Put(out)
	out.Reset()
	p.gzip(out, head.Bytes(), d.CSRF, foot.Bytes())
	h := w.Header()
	h.Set("Content-Type", "text/html; charset=utf-8")
	h.Set("Content-Encoding", "gzip")
	h.Add("Vary", "Accept-Encoding")
	h.Set("Content-Length", strconv.Itoa(out.Len()))
	w.WriteHeader(status)
	w.Write(out.Bytes())
}

// layout draws the layout's head and foot for a page (buffers to give back
// to bufPool); when it cannot, it answers the request itself.
func (s *Server) layout(w http.ResponseWriter, r *http.Request, nav, title string) (d layoutData, head, foot *bytes.Buffer, ok bool) {
	d = layoutData{Title: title, Nav: nav, Path: r.URL.RequestURI(), Synthetic: s.synthetic(r.Context()), CSRF: s.csrfFor(r), State: s.stateView(r.Context()), Reload: r.Method == http.MethodGet, SignedIn: s.authOn()}
	head, foot = bufPool.Get().(*bytes.Buffer), bufPool.Get().(*bytes.Buffer)
	head.Reset()
	foot.Reset()
	err := templates.ExecuteTemplate(head, "layout_head", d)
	if err == nil {
		err = templates.ExecuteTemplate(foot, "layout_foot", d)
	}
	if err != nil {
		bufPool.Put(head)
		bufPool.Put(foot)
		s.opt.Logf("obs serve: rendering %s: %v", r.URL.Path, err)
		http.Error(w, "The page could not be drawn; the server log says why.", http.StatusInternalServerError)
		return d, nil, nil, false
	}
	return d, head, foot, true
}

var bufPool = sync.Pool{New: func() any { return new(bytes.Buffer) }}

// cached shows a page whose content depends only on the database, from the
// page cache when it holds the current version.
func (s *Server) cached(w http.ResponseWriter, r *http.Request, nav string, build func(ctx context.Context) (string, template.HTML, error)) {
	p, status, err := s.keptPage(r, build)
	if err != nil {
		s.fail(w, r, nav, err)
		return
	}
	s.showKept(w, r, status, nav, p)
}

// cachedContent is the content of such a page, built or from the cache.
func (s *Server) cachedContent(r *http.Request, build func(ctx context.Context) (string, template.HTML, error)) (string, template.HTML, int, error) {
	p, status, err := s.keptPage(r, build)
	if err != nil {
		return "", "", 0, err
	}
	body, err := p.content()
	return p.title, body, status, err
}

// keptPage is such a page as the cache keeps it, built or from the cache.
func (s *Server) keptPage(r *http.Request, build func(ctx context.Context) (string, template.HTML, error)) (cachedPage, int, error) {
	key := r.URL.Path + "?" + canonicalQuery(r.URL.Query())
	gen := s.gen.Load()
	if p, ok := s.pages.get(key, gen); ok {
		return p, http.StatusOK, nil
	}
	// Requests that miss together wait for one of them to build the page.
	done := s.pages.begin(key, gen)
	if done == nil {
		if p, ok := s.pages.get(key, gen); ok {
			return p, http.StatusOK, nil
		}
	} else {
		defer done()
	}
	title, body, err := build(r.Context())
	var u uncached
	if errors.As(err, &u) {
		return keep(u.title, u.body), u.status, nil
	}
	if err != nil {
		return cachedPage{}, 0, err
	}
	p := keep(title, body)
	s.pages.put(key, gen, p)
	return p, http.StatusOK, nil
}

// uncached is a page to show this once but not keep: a query that failed
// for a passing reason (too many queries at once...).
type uncached struct {
	status int
	title  string
	body   template.HTML
}

func (u uncached) Error() string { return u.title }

// notFound is an error for a page that does not exist (an unknown area...).
type notFound struct{ what string }

func (e notFound) Error() string { return e.what }

// notYet is a page that cannot be drawn until something is done first
// (the scores computed...).
type notYet struct{ msg string }

func (e notYet) Error() string { return e.msg }

// badRequest is an error in what the evaluator asked for.
type badRequest struct{ msg string }

func (e badRequest) Error() string { return e.msg }

// fail shows an error page with a message for the evaluator.
func (s *Server) fail(w http.ResponseWriter, r *http.Request, nav string, err error) {
	status := http.StatusInternalServerError
	var nf notFound
	var br badRequest
	var ny notYet
	switch {
	case errors.As(err, &ny):
		status = http.StatusConflict
	case errors.As(err, &nf):
		status = http.StatusNotFound
	case errors.As(err, &br):
		status = http.StatusBadRequest
	case errors.Is(err, context.Canceled):
		return
	default:
		s.opt.Logf("obs serve: %s: %v", r.URL.Path, err)
	}
	body, _ := content("error", map[string]any{"Status": status, "Message": err.Error()})
	s.show(w, r, status, nav, http.StatusText(status), body)
}

func canonicalQuery(q url.Values) string {
	keys := make([]string, 0, len(q))
	for k := range q {
		keys = append(keys, k)
	}
	sort.Strings(keys)
	var b strings.Builder
	for _, k := range keys {
		for _, v := range q[k] {
			b.WriteString(url.QueryEscape(k) + "=" + url.QueryEscape(v) + "&")
		}
	}
	return b.String()
}

// synthetic reports whether any area is marked synthetic, once per version
// of the database.
func (s *Server) synthetic(ctx context.Context) bool {
	v, err := s.synth.get(s.gen.Load(), func() (bool, error) {
		var v bool
		err := s.st.DB.QueryRowContext(ctx, syntheticSQL).Scan(&v)
		return v, err
	})
	return v || err != nil // say so when in doubt
}

// periodLabel writes a period as evaluators do, 2021-22 (for templates,
// which hold ints of several sizes).
func periodLabel(p any) string {
	switch v := p.(type) {
	case int:
		return schemas.Period(v).String()
	case int64:
		return schemas.Period(v).String()
	case int32:
		return schemas.Period(v).String()
	case sql.NullInt64:
		if v.Valid {
			return schemas.Period(int(v.Int64)).String()
		}
	}
	return ""
}
