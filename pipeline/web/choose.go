package web

import (
	"crypto/rand"
	"encoding/hex"
	"errors"
	"net/http"
	"os"
	"path/filepath"
	"sync"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/ingest"
)

// choosePath takes the evaluator's answer to a file refused because
// another return already gave rows for the same kind, area and period: add
// to them, or replace them.
//
// The refused file waits for the answer on the server, in a folder of its
// own under the server's temporary folder, known by a random id that only
// the session that uploaded it can use. A browser cannot send a file again
// by itself (a page cannot fill a file input), so asking it to would mean
// choosing the file again; the answer is one click instead. A waiting file
// is deleted once the answer comes, after pendingFor, or when the server
// stops.
const choosePath = "/returns/choose"

const pendingFor = time.Hour

// pendingFile is an uploaded file waiting for add or replace.
type pendingFile struct {
	dir, path, session string
	since              time.Time
	proj               project // the project's area and period it was sent with
}

type pendingFiles struct {
	mu    sync.Mutex
	files map[string]pendingFile
}

// keep moves the uploaded file at path into a folder of its own and returns
// the id the choice form sends back.
func (s *Server) keep(sid, path string, proj project) (string, error) {
	b := make([]byte, 16)
	if _, err := rand.Read(b); err != nil {
		return "", err
	}
	id := hex.EncodeToString(b)
	dir := filepath.Join(s.tmpDir, "choice-"+id)
	if err := os.Mkdir(dir, 0o700); err != nil {
		return "", err
	}
	dst := filepath.Join(dir, filepath.Base(path))
	if err := os.Rename(path, dst); err != nil {
		os.RemoveAll(dir)
		return "", err
	}
	p := &s.pending
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.files == nil {
		p.files = map[string]pendingFile{}
	}
	p.files[id] = pendingFile{dir: dir, path: dst, session: sid, since: time.Now(), proj: proj}
	return id, nil
}

// take hands over the waiting file of id to the session that uploaded it,
// once, and deletes those waiting too long.
func (s *Server) take(sid, id string) (pendingFile, bool) {
	p := &s.pending
	p.mu.Lock()
	defer p.mu.Unlock()
	for k, f := range p.files {
		if time.Since(f.since) > pendingFor {
			os.RemoveAll(f.dir)
			delete(p.files, k)
		}
	}
	f, ok := p.files[id]
	if !ok || f.session != sid {
		return pendingFile{}, false
	}
	delete(p.files, id)
	return f, true
}

// dropPending deletes every waiting file (the server is stopping).
func (s *Server) dropPending() {
	p := &s.pending
	p.mu.Lock()
	defer p.mu.Unlock()
	for k, f := range p.files {
		os.RemoveAll(f.dir)
		delete(p.files, k)
	}
}

// choose loads a waiting file again with the evaluator's choice, and shows
// what happened as the upload does. The CSRF token was checked by guard.
func (s *Server) choose(w http.ResponseWriter, r *http.Request) {
	var choice ingest.Choice
	switch r.PostFormValue("choice") {
	case "add":
		choice = ingest.Add
	case "replace":
		choice = ingest.Replace
	default:
		s.fail(w, r, "returns", badRequest{"Choose to add the rows or to replace those there."})
		return
	}
	sid, _ := r.Context().Value(sessionKey{}).(string)
	f, ok := s.take(sid, r.PostFormValue("id"))
	if !ok {
		s.fail(w, r, "returns", badRequest{"This file is no longer waiting for a choice (it was made already, or more than an hour ago, or the server restarted): upload the file again."})
		return
	}
	defer os.RemoveAll(f.dir)
	s.loadAndShow(w, r, []string{f.path}, choice, f.proj)
}

// choiceView is what the results page asks about a refused file.
type choiceView struct {
	ID, What, Add, Replace string
}

func (s *Server) askChoice(r *http.Request, res *ingest.Result, proj project) (*choiceView, error) {
	var ce *ingest.ChoiceError
	if !errors.As(res.Refused, &ce) {
		return nil, nil
	}
	sid, _ := r.Context().Value(sessionKey{}).(string)
	id, err := s.keep(sid, res.Path, proj)
	if err != nil {
		return nil, err
	}
	return &choiceView{ID: id, What: ce.What(), Add: "Add " + ce.These(), Replace: "Replace " + ce.Those() + " with " + ce.These()}, nil
}
