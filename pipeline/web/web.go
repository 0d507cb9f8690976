package web

import (
	"context"
	"crypto/rand"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"log"
	"net/http"
	"os"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// DefaultMaxUpload is the largest upload (all files of one request) taken.
const DefaultMaxUpload = 100 << 20

// Options configure a Server.
type Options struct {
	Store   *store.Store     // the read-write database
	Keyring *privacy.Keyring // pseudonyms for uploads; uploads are refused without it
	User    string           // who loads returns through the web (stored as a pseudonym)
	// Token, when set, is required on every request (Authorization: Bearer,
	// or the cookie set by visiting /?token=...).
	Token     string
	MaxUpload int64 // bytes per upload request; DefaultMaxUpload when 0
	Sandbox   SandboxOptions
	// ShowRows is how many rows a query shows on the page; DownloadRows how
	// many a download holds at most.
	ShowRows, DownloadRows int
	Hooks                  Hooks
	// TempDir holds uploads while they load and the console's snapshots;
	// a private temporary folder when "".
	TempDir string
	Logf    func(format string, args ...any)
}

// Hooks connect the server to the stages other packages own. Each may be
// nil: the page then says what is not available.
type Hooks struct {
	// Recompute re-runs the analyses (scores, classification) on the
	// read-write store after new returns are loaded.
	Recompute func(ctx context.Context, st *store.Store) error
	// Pack writes an area's evidence pack for a period (0: its latest) in
	// format "html", "xlsx" or "pdf".
	Pack func(ctx context.Context, db *sql.DB, area string, period int, format string, w io.Writer) error
	// PackFormats lists the formats Pack can write now ("pdf" only where
	// Chromium is installed).
	PackFormats []string
	// Queries lists the saved query library.
	Queries func() ([]SavedQuery, error)
	// RunQuery runs a saved query on db (the console sandbox's read-only
	// copy) with the given parameter values, keeping at most limit rows.
	RunQuery func(ctx context.Context, db *sql.DB, name string, params map[string]string, limit int) (*tabular.Table, bool, error)
	// Notebooks lists the notebooks; Notebook runs one on db (the console
	// sandbox's read-only copy) with the given parameters and renders it
	// as an HTML page.
	Notebooks func() ([]NotebookInfo, error)
	Notebook  func(ctx context.Context, db *sql.DB, name string, params map[string]string, w io.Writer) error
}

// SavedQuery is one query of the library, as the queries page shows it.
type SavedQuery struct {
	Name, Description string
	Params            []QueryParam
}

// QueryParam is one parameter of a saved query.
type QueryParam struct {
	Name, Type, Default, Doc string
	Required                 bool
	Choices                  []string // when not empty, the form offers these
}

// NotebookInfo names a notebook and its parameters (Default is the value
// its front matter gives).
type NotebookInfo struct {
	Name, Title, Description string
	Params                   []QueryParam
}

// Server is the web interface.
type Server struct {
	opt     Options
	st      *store.Store
	sb      *Sandbox
	tmpDir  string
	ownTmp  bool
	secret  []byte
	pages   *pageCache
	docs    docCache
	synth   syntheticFlag
	tables  tableList
	gen     atomic.Int64 // bumped by every change to the database
	writeMu sync.Mutex   // one upload or recompute at a time
	state   analysisState
	handler http.Handler
	bg      sync.WaitGroup
	ctx     context.Context
	cancel  context.CancelFunc
}

// New makes the server: it copies the database for the console and reads
// whether the scores are up to date.
func New(ctx context.Context, opt Options) (*Server, error) {
	if opt.Store == nil || opt.Store.ReadOnly {
		return nil, errors.New("the web interface needs the database open for reading and writing")
	}
	if opt.MaxUpload <= 0 {
		opt.MaxUpload = DefaultMaxUpload
	}
	if opt.ShowRows <= 0 {
		opt.ShowRows = 1000
	}
	if opt.DownloadRows <= 0 {
		opt.DownloadRows = 200000
	}
	if opt.Logf == nil {
		opt.Logf = log.Printf
	}
	s := &Server{opt: opt, st: opt.Store, pages: newPageCache(256)}
	s.ctx, s.cancel = context.WithCancel(context.Background())
	s.secret = make([]byte, 32)
	if _, err := rand.Read(s.secret); err != nil {
		return nil, err
	}
	s.tmpDir = opt.TempDir
	if s.tmpDir == "" {
		d, err := os.MkdirTemp("", "obs-serve-")
		if err != nil {
			return nil, err
		}
		s.tmpDir, s.ownTmp = d, true
	} else if err := os.MkdirAll(s.tmpDir, 0o700); err != nil {
		return nil, err
	}
	sbo := opt.Sandbox
	if sbo.Dir == "" {
		sbo.Dir = s.tmpDir + "/console"
	}
	sb, err := NewSandbox(sbo)
	if err != nil {
		s.Close()
		return nil, err
	}
	s.sb = sb
	if err := sb.Refresh(ctx, s.st.DB); err != nil {
		s.Close()
		return nil, err
	}
	if err := s.readState(ctx); err != nil {
		s.Close()
		return nil, err
	}
	s.handler = s.routes()
	return s, nil
}

// Handler is the server's HTTP handler, access control included.
func (s *Server) Handler() http.Handler { return s.handler }

// Close waits for background work and removes the server's temporary files.
// The store stays open: it belongs to the caller.
func (s *Server) Close() error {
	s.cancel()
	s.bg.Wait()
	var err error
	if s.sb != nil {
		err = s.sb.Close()
	}
	if s.ownTmp {
		os.RemoveAll(s.tmpDir)
	}
	return err
}

// changed records a change to the database: cached pages are dropped and
// the console gets a fresh copy. The caller holds writeMu.
func (s *Server) changed(ctx context.Context) {
	s.gen.Add(1)
	s.pages.clear()
	s.synth.mu.Lock()
	s.synth.known = false
	s.synth.mu.Unlock()
	if err := s.sb.Refresh(ctx, s.st.DB); err != nil {
		s.opt.Logf("obs serve: %v", err)
	}
}

// analysisState says whether the scores and labels match the returns.
type analysisState struct {
	mu      sync.Mutex
	stale   bool   // returns were loaded after the last analysis
	running bool   // a recompute is under way
	lastErr string // why the last recompute failed
}

type stateView struct {
	Stale, Running, CanRecompute bool
	LastErr                      string
}

func (s *Server) stateView() stateView {
	s.state.mu.Lock()
	defer s.state.mu.Unlock()
	return stateView{Stale: s.state.stale, Running: s.state.running, CanRecompute: s.opt.Hooks.Recompute != nil, LastErr: s.state.lastErr}
}

// readState works out from the database whether the analyses are stale:
// returns loaded after the last 'obs score' or 'obs classify', or returns
// and no analysis (times are RFC 3339 in UTC, so they compare as text).
func (s *Server) readState(ctx context.Context) error {
	var loads int
	var lastLoad, scored, classified sql.NullString
	err := s.st.DB.QueryRowContext(ctx, `SELECT (SELECT count(*) FROM loads), (SELECT max(loaded_at) FROM loads),
		(SELECT max(value) FROM score_settings WHERE key = 'run_at'),
		(SELECT max(value) FROM classify_settings WHERE key = 'run_at')`).Scan(&loads, &lastLoad, &scored, &classified)
	if err != nil {
		return fmt.Errorf("reading the state of the analyses: %w", err)
	}
	behind := func(run sql.NullString) bool { return !run.Valid || lastLoad.String > run.String }
	s.state.mu.Lock()
	defer s.state.mu.Unlock()
	s.state.stale = loads > 0 && (behind(scored) || behind(classified))
	return nil
}

// recompute re-runs the analyses in the background, once at a time.
func (s *Server) recompute() bool {
	if s.opt.Hooks.Recompute == nil {
		return false
	}
	s.state.mu.Lock()
	if s.state.running {
		s.state.mu.Unlock()
		return true
	}
	s.state.running = true
	s.state.mu.Unlock()
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		s.writeMu.Lock()
		err := s.opt.Hooks.Recompute(s.ctx, s.st)
		if err == nil {
			s.changed(s.ctx)
		}
		s.writeMu.Unlock()
		s.state.mu.Lock()
		s.state.running = false
		if err != nil {
			s.state.lastErr = err.Error()
			s.opt.Logf("obs serve: recomputing the analyses: %v", err)
		} else {
			s.state.lastErr, s.state.stale = "", false
		}
		s.state.mu.Unlock()
		s.pages.clear()
	}()
	return true
}

// WaitIdle waits until no recompute is running (for tests and shutdown).
func (s *Server) WaitIdle(ctx context.Context) error {
	for {
		s.state.mu.Lock()
		running := s.state.running
		s.state.mu.Unlock()
		if !running {
			return nil
		}
		select {
		case <-ctx.Done():
			return ctx.Err()
		case <-time.After(20 * time.Millisecond):
		}
	}
}
