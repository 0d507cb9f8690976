package web

import (
	"fmt"
	"io/fs"
	"net/http"
	"path"
	"strings"
	"time"
)

func (s *Server) routes() http.Handler {
	mux := http.NewServeMux()
	static, _ := fs.Sub(assets, "static")
	files := filesOnly(http.FileServerFS(static))
	mux.Handle("GET /static/", http.StripPrefix("/static/", cacheFor(time.Hour, files)))
	mux.HandleFunc("GET /{$}", s.overview)
	mux.HandleFunc("GET /compare", s.compare)
	mux.HandleFunc("GET /compare.csv", s.compareCSV)
	mux.HandleFunc("GET /areas", s.areaList)
	mux.HandleFunc("GET /area/{id}", s.areaPage)
	mux.HandleFunc("GET /area/{id}/pack/{format}", s.pack)
	mux.HandleFunc("POST /area/{id}/override", s.override)
	mux.HandleFunc("GET /area/{id}/template", s.returnTemplate)
	mux.HandleFunc("GET /queries", s.queryList)
	mux.HandleFunc("GET /queries/{name}", s.queryPage)
	mux.HandleFunc("GET /queries/{name}/download", s.queryDownload)
	mux.HandleFunc("GET /qca", s.qcaList)
	mux.HandleFunc("GET /qca/{name}", s.qcaPage)
	mux.HandleFunc("GET /console", s.console)
	mux.HandleFunc("POST /console", s.console)
	mux.HandleFunc("GET /notebooks", s.notebookList)
	mux.HandleFunc("GET /notebooks/{name}", s.notebookPage)
	mux.HandleFunc("GET /notebooks/{name}/html", s.notebookDoc)
	mux.HandleFunc("GET "+methodPath, s.methodPage)
	mux.HandleFunc("POST "+methodPath, s.methodPost)
	mux.HandleFunc("GET /method/compare", s.methodCompare)
	mux.HandleFunc("GET /method/export/{v}", s.methodExport)
	mux.HandleFunc("POST /method/restore", s.methodRestore)
	mux.HandleFunc("GET /returns", s.returns)
	mux.HandleFunc("POST "+uploadPath, s.upload)
	mux.HandleFunc("POST "+choosePath, s.choose)
	mux.HandleFunc("GET /returns/problems.csv", s.problemsCSV)
	mux.HandleFunc("GET /returns/templates.zip", s.returnTemplates)
	mux.HandleFunc("POST /recompute", s.recomputeNow)
	mux.HandleFunc("GET /state.json", s.stateJSON)
	mux.HandleFunc("POST /returns/recheck", s.recheck)
	mux.HandleFunc("POST /signout", s.signOut)
	mux.HandleFunc("/", func(w http.ResponseWriter, r *http.Request) {
		s.fail(w, r, "", notFound{"There is no such page here."})
	})
	return s.guard(s.follow(mux))
}

func cacheFor(d time.Duration, h http.Handler) http.Handler {
	cc := fmt.Sprintf("private, max-age=%d", int(d.Seconds()))
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		w.Header().Set("Cache-Control", cc)
		h.ServeHTTP(w, r)
	})
}

// filesOnly serves files and answers 404 for a folder, so that /static/
// does not list what it holds.
func filesOnly(h http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if r.URL.Path == "" || strings.HasSuffix(r.URL.Path, "/") || path.Ext(r.URL.Path) == "" {
			http.NotFound(w, r)
			return
		}
		h.ServeHTTP(w, r)
	})
}
