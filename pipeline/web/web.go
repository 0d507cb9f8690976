package web

import (
	"context"
	"crypto/rand"
	"errors"
	"log"
	"net/http"
	"os"
	"strings"
	"sync"
	"sync/atomic"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/query"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// DefaultMaxUpload is the largest upload (all files of one request) taken.
const DefaultMaxUpload = 100 << 20

// DefaultUploadTime is the longest one upload may hold the database.
const DefaultUploadTime = 2 * time.Minute

// Options configure a Server.
type Options struct {
	// DB is the database file. The server reads its reading copy, as every
	// reader does, and opens it for writing only while it loads returns or
	// recomputes, so other obs commands can read and write it meanwhile.
	DB      string
	Keyring *privacy.Keyring // pseudonyms for uploads; uploads are refused without it
	User    string           // who loads returns through the web (stored as a pseudonym)
	// Token, when set, is required on every request (Authorization: Bearer,
	// or the cookie set by visiting /?token=...); Users give each person
	// their own (ReadUsers). A sign-in by ?token= lasts SessionTime
	// (DefaultSessionTime when 0).
	Token       string
	Users       *Users
	SessionTime time.Duration
	MaxUpload   int64 // bytes per upload request; DefaultMaxUpload when 0
	// UploadTime is the longest one upload may hold the database while it
	// loads; DefaultUploadTime when 0.
	UploadTime time.Duration
	Sandbox    query.SandboxOptions
	// ShowRows is how many rows a query shows on the page; DownloadRows how
	// many a download holds at most.
	ShowRows, DownloadRows int
	// PackFormats are the formats evidence packs are offered in;
	// steps.PackFormats() (PDF only where Chromium is installed) when nil.
	PackFormats []string
	// TempDir holds uploads while they load and the console's snapshots;
	// a private temporary folder when "".
	TempDir string
	Logf    func(format string, args ...any)
}

// Server is the web interface.
type Server struct {
	opt     Options
	st      *store.Store
	sb      *query.Sandbox
	tmpDir  string
	ownTmp  bool
	secret  []byte
	signIns signIns
	pages   *pageCache
	docs    *docCache
	synth   perGen[bool]            // whether any area is synthetic
	stale   perGen[steps.Staleness] // how the results stand against the data
	lists   struct {                // what every area page reads
		periods perGen[[]int]
		defs    perGen[[]definition]
	}
	tables  tableList
	gen     atomic.Int64 // bumped by every change to the database
	writeMu sync.Mutex   // one upload or recompute of this server's at a time
	pending pendingFiles // uploaded files waiting for add or replace
	packs   steps.Packs  // what packs are made from, read once per state of the database
	packIn  perGen[packInput]
	state   analysisState
	preview previewBase // what previews of the method compare with
	handler http.Handler
	bg      sync.WaitGroup
	ctx     context.Context
	cancel  context.CancelFunc

	work workList // uploads and prints under way (progress.go)
}

// New makes the server: it copies the database for the console and reads
// whether the scores are up to date.
func New(ctx context.Context, opt Options) (*Server, error) {
	if opt.DB == "" {
		return nil, errors.New("the web interface needs a database file")
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
	if opt.UploadTime <= 0 {
		opt.UploadTime = DefaultUploadTime
	}
	if opt.SessionTime <= 0 {
		opt.SessionTime = DefaultSessionTime
	}
	if opt.PackFormats == nil {
		opt.PackFormats = steps.PackFormats()
	}
	if opt.Logf == nil {
		opt.Logf = log.Printf
	}
	st, err := openReading(ctx, opt.DB)
	if err != nil {
		return nil, err
	}
	s := &Server{opt: opt, st: st, pages: newPageCache(spareStart), docs: newDocCache(spareStart * docsPerArea)}
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
	sb, err := query.NewSandbox(sbo)
	if err != nil {
		s.Close()
		return nil, err
	}
	s.sb = sb
	if err := sb.Refresh(ctx, store.ReadCopy(opt.DB)); err != nil {
		s.Close()
		return nil, err
	}
	if _, err := steps.ReadStaleness(ctx, s.st.DB); err != nil {
		s.Close()
		return nil, err
	}
	s.sizeCaches(ctx)
	s.handler = s.routes()
	return s, nil
}

// Handler is the server's HTTP handler, access control included.
func (s *Server) Handler() http.Handler { return s.handler }

// Close waits for background work, closes the database and removes the
// server's temporary files.
func (s *Server) Close() error {
	s.cancel()
	s.bg.Wait()
	s.dropPending()
	err := s.st.Close()
	if s.sb != nil {
		if serr := s.sb.Close(); err == nil {
			err = serr
		}
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
	s.docs.clear()
	s.sizeCaches(ctx)
	if err := s.sb.Refresh(ctx, store.ReadCopy(s.opt.DB)); err != nil {
		s.opt.Logf("obs serve: %v", err)
	}
}

// analysisState is the recompute under way, if any, and how the last ended.
type analysisState struct {
	mu      sync.Mutex
	running bool   // a recompute is under way
	again   bool   // asked for while one ran: run once more
	who     string // the pseudonym of who asked for the next run
	lastErr string // why the last recompute failed
	stage   string // what the recompute is doing now, for the pages
	since   time.Time
}

// stateView is what the pages say of the scores and labels: being
// recomputed, or older than the data (Stale, with Message saying which and
// what changed since), as the database says, whoever wrote it: read once
// per version of the database (follow sees other processes' writes).
type stateView struct {
	Stale, Running bool
	Message        string
	LastErr        string
	Stage          string // while running: what it is doing, and for how long
}

func (s *Server) stateView(ctx context.Context) stateView {
	s.state.mu.Lock()
	v := stateView{Running: s.state.running, LastErr: s.state.lastErr}
	if v.Running && s.state.stage != "" {
		v.Stage = s.state.stage + " (" + time.Since(s.state.since).Round(time.Second).String() + " so far)"
	}
	s.state.mu.Unlock()
	if v.Running {
		return v
	}
	stale, err := s.stale.get(s.gen.Load(), func() (steps.Staleness, error) {
		return steps.ReadStaleness(ctx, s.st.DB)
	})
	if err != nil {
		s.opt.Logf("obs serve: %v", err)
		return v
	}
	v.Stale = stale.Stale()
	if msg := stale.Summary(); msg != "" {
		v.Message = strings.ToUpper(msg[:1]) + msg[1:]
	}
	return v
}

// recompute re-runs the analyses in the background, once at a time; asked
// while one runs, it runs once more after it, so that returns loaded
// meanwhile are not left out. who (a pseudonym) asked for it.
func (s *Server) recompute(who string) {
	s.state.mu.Lock()
	s.state.who = who
	if s.state.running {
		s.state.again = true
		s.state.mu.Unlock()
		return
	}
	s.state.running = true
	s.state.mu.Unlock()
	s.bg.Add(1)
	go func() {
		defer s.bg.Done()
		for {
			s.state.mu.Lock()
			who := s.state.who
			s.state.mu.Unlock()
			err := s.recomputeOnce(who)
			s.state.mu.Lock()
			again := s.state.again && err == nil
			s.state.again = false
			if !again {
				s.state.running, s.state.stage = false, ""
				s.state.lastErr = ""
				if err != nil {
					s.state.lastErr = err.Error()
					s.opt.Logf("obs serve: recomputing the analyses: %v", err)
				}
			}
			s.state.mu.Unlock()
			if !again {
				break
			}
		}
		s.pages.clear()
	}()
}

// recomputeOnce computes the results from the reading copy, then holds the
// database only to write them and record who asked.
func (s *Server) recomputeOnce(who string) error {
	s.setStage("step 1 of 2: computing the scores and labels on a copy of the database", true)
	res, err := s.computeAgain()
	if err != nil {
		return err
	}
	s.setStage("step 2 of 2: writing them", false)
	return s.write(s.ctx, func(st *store.Store) error {
		return res.Write(steps.As(s.ctx, who), st)
	})
}

// pseudonym is who sends r, as the database records people: a pseudonym.
func (s *Server) pseudonym(r *http.Request) string {
	if s.opt.Keyring == nil {
		return ""
	}
	return s.opt.Keyring.Pseudonym(who(r))
}

// setStage says what the recompute is doing; the first step starts its clock.
func (s *Server) setStage(stage string, first bool) {
	s.state.mu.Lock()
	defer s.state.mu.Unlock()
	if first {
		s.state.since = time.Now()
	}
	s.state.stage = stage
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
