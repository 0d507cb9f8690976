package web

import (
	"context"
	"errors"
	"net/http"
	"os"

	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// openReading opens the database's reading copy for the server's pages,
// first making the database (and its copy) when there is none yet.
func openReading(ctx context.Context, path string) (*store.Store, error) {
	if _, err := os.Stat(store.ReadCopy(path)); errors.Is(err, os.ErrNotExist) {
		st, err := store.Open(ctx, path)
		if err != nil {
			return nil, err
		}
		if err := st.Close(); err != nil {
			return nil, err
		}
	}
	return store.OpenFollowing(ctx, path)
}

// write opens the database for writing for as long as fn takes, one write
// of this server's at a time (a write by another obs process waits for it,
// and it for them), then shows the pages what was written.
func (s *Server) write(ctx context.Context, fn func(*store.Store) error) error {
	s.writeMu.Lock()
	defer s.writeMu.Unlock()
	st, err := store.Open(ctx, s.opt.DB)
	if err != nil {
		return err
	}
	err = fn(st)
	if cerr := st.Close(); err == nil {
		err = cerr
	}
	s.st.Changed()
	s.changed(ctx)
	return err
}

// follow notices, before each request, a write another obs process has
// finished (obs ingest, obs score...) and shows the pages what it wrote.
func (s *Server) follow(next http.Handler) http.Handler {
	return http.HandlerFunc(func(w http.ResponseWriter, r *http.Request) {
		if s.st.Changed() {
			s.writeMu.Lock()
			s.changed(r.Context())
			s.writeMu.Unlock()
		}
		next.ServeHTTP(w, r)
	})
}

// computeAgain computes the scores and labels again from the reading copy.
func (s *Server) computeAgain() (*steps.Results, error) {
	st, err := store.OpenScratch(s.ctx, s.opt.DB)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	return steps.ComputeAgain(s.ctx, st)
}
