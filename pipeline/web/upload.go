package web

import (
	"context"
	"errors"
	"fmt"
	"io"
	"net/http"
	"os"
	"path/filepath"
	"strings"
	"unicode"

	"github.com/ourbiggerstory/obs/pipeline/ingest"
	"github.com/ourbiggerstory/obs/pipeline/position"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

const uploadPath = "/returns/upload"

// uploadFile is what happened to one uploaded file.
type uploadFile struct {
	Name          string
	Refused       string
	AlreadyLoaded bool
	PreviousLoad  int64
	Rechecked     bool   // loaded before: its quarantined rows were checked again
	LoadedAs      string // the name the file was loaded under, when it differs
	LoadID        int64
	Kinds         string
	Rows, Loaded  int
	Quarantined   int
	Blank         int
	Replaced      []string    // "replaces 5 events of Birchfield 2021-22 from ... (load 1) with 2 (why)"
	Choice        *choiceView // refused until the evaluator chooses add or replace
	Skipped       string
	Notes         []string  // headers not recognised (their columns not loaded), and warnings
	Problems      []problem // the first problemsShown
	MoreProblems  int       // and how many more
}

// problemsShown is how many of a file's problems the upload results list.
const problemsShown = 100

// problem is one quarantined row, for the page.
type problem struct {
	File, Where, Type, Message, Column, Kind, Area string
}

// upload takes returns (multipart, field "files"), loads each and shows at
// once what loaded and every quarantined row. The CSRF token must come in
// the X-CSRF-Token header or as a form field before the files: nothing of a
// file is read before the token is checked. The whole request is capped.
func (s *Server) upload(w http.ResponseWriter, r *http.Request) {
	if s.opt.Keyring == nil {
		s.fail(w, r, "returns", badRequest{"Uploads are off: the server was started without the pseudonym key."})
		return
	}
	if r.ContentLength > s.opt.MaxUpload {
		s.tooLarge(w, r)
		return
	}
	sid, _ := r.Context().Value(sessionKey{}).(string)
	ok := r.Header.Get(csrfHeader) != "" && s.csrfOK(r, sid, "")
	r.Body = http.MaxBytesReader(w, r.Body, s.opt.MaxUpload)
	mr, err := r.MultipartReader()
	if err != nil {
		if !ok {
			forbidden(w)
			return
		}
		s.fail(w, r, "returns", badRequest{"Send the returns as a file upload (multipart/form-data)."})
		return
	}
	dir, err := os.MkdirTemp(s.tmpDir, "upload-")
	if err != nil {
		s.fail(w, r, "returns", err)
		return
	}
	defer os.RemoveAll(dir)
	var paths []string
	var proj project
	seen := map[string]bool{}
	for {
		part, err := mr.NextPart()
		if err == io.EOF {
			break
		}
		if err != nil {
			s.uploadErr(w, r, err)
			return
		}
		if part.FormName() == csrfField && part.FileName() == "" {
			b, _ := io.ReadAll(io.LimitReader(part, 256))
			ok = ok || s.csrfOK(r, sid, string(b))
			continue
		}
		if !ok {
			forbidden(w)
			return
		}
		if part.FileName() == "" {
			proj.field(part)
			continue
		}
		name := uniqueName(safeFileName(filepath.Base(part.FileName())), seen)
		path := filepath.Join(dir, name)
		f, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
		if err != nil {
			s.fail(w, r, "returns", err)
			return
		}
		_, err = io.Copy(f, part)
		f.Close()
		if err != nil {
			s.uploadErr(w, r, err)
			return
		}
		paths = append(paths, path)
	}
	if !ok {
		forbidden(w)
		return
	}
	if len(paths) == 0 {
		s.fail(w, r, "returns", badRequest{"No file came with the upload: choose one or more returns (.xlsx, .csv, .qdpx, .qde, .qdc)."})
		return
	}
	s.loadAndShow(w, r, paths, ingest.Ask, proj)
}

// loadAndShow loads the files and shows what happened to each; a file
// refused for want of a choice between adding and replacing waits for it.
func (s *Server) loadAndShow(w http.ResponseWriter, r *http.Request, paths []string, choice ingest.Choice, proj project) {
	results, err := s.ingest(r, paths, choice, proj)
	if err != nil {
		s.fail(w, r, "returns", err)
		return
	}
	body, err := content("uploaded", map[string]any{"Files": results, "State": s.stateView(r.Context()), "CSRF": s.csrfFor(r)})
	if err != nil {
		s.fail(w, r, "returns", err)
		return
	}
	s.show(w, r, http.StatusOK, "returns", "Upload results", body)
}

// ingest loads the files, one transaction each, then refreshes what the
// pages and the console see and starts recomputing the analyses.
func (s *Server) ingest(r *http.Request, paths []string, choice ingest.Choice, proj project) ([]uploadFile, error) {
	ctx, cancel := context.WithTimeout(steps.As(r.Context(), s.pseudonym(r)), s.opt.UploadTime)
	defer cancel()
	id := s.startLoad(r, paths)
	defer s.work.end(id)
	var results []*ingest.Result
	err := s.write(ctx, func(st *store.Store) (err error) {
		s.work.reading(id)
		opt := ingest.Options{Keyring: s.opt.Keyring, User: who(r), Choice: choice, Area: proj.Area, Period: proj.Period,
			Progress: func(file string, rows int) { s.work.read(id, file, rows, false) }}
		results, err = steps.Load(ctx, st, paths, opt, func(res *ingest.Result) { s.work.read(id, res.File, res.Rows, true) })
		return err
	})
	if errors.Is(err, context.DeadlineExceeded) {
		return nil, badRequest{fmt.Sprintf("Loading took longer than one upload may hold the database (%s), so nothing of it was loaded. Upload fewer files at a time, or load large returns with 'obs ingest'.", s.opt.UploadTime)}
	}
	if err != nil {
		return nil, err
	}
	var out []uploadFile
	for _, res := range results {
		u := uploadResult(res)
		if u.Choice, err = s.askChoice(r, res, proj); err != nil {
			return nil, err
		}
		if u.Choice != nil {
			u.Refused = ""
		}
		out = append(out, u)
	}
	if steps.Changed(results) {
		s.recompute(s.pseudonym(r))
	}
	return out, nil
}

// startLoad records a load of paths as work under way, waiting for the
// database until it has it. The files are named as the load names them.
func (s *Server) startLoad(r *http.Request, paths []string) string {
	var names []string
	for _, p := range ingest.Order(paths) {
		names = append(names, s.opt.Keyring.Redact(filepath.Base(p)))
	}
	return s.work.start(r, "loading "+tabular.Plural(len(paths), "return"), "waiting for the database: another upload or a recompute is writing to it", names)
}

func uploadResult(res *ingest.Result) uploadFile {
	u := uploadFile{Name: res.File, AlreadyLoaded: res.AlreadyLoaded, PreviousLoad: res.PreviousLoad, LoadID: res.LoadID, Rechecked: res.Rechecked,
		Kinds: strings.Join(res.Kinds, ", "), Rows: res.Rows, Loaded: res.Loaded, Quarantined: res.Quarantined, Blank: res.Blank,
		Skipped: strings.Join(res.Skipped, ", ")}
	if res.Refused != nil {
		u.Refused = res.Refused.Error()
	}
	if res.GivenAs != "" && res.GivenAs != res.File {
		u.Name, u.LoadedAs = res.GivenAs, res.File
	}
	for _, line := range ingest.ReplacementLines(res.Replaced) {
		u.Replaced = append(u.Replaced, "R"+strings.TrimPrefix(line, "r"))
	}
	for _, p := range res.Unrecognised {
		u.Notes = append(u.Notes, p.Place()+": "+p.Message())
	}
	u.Notes = append(u.Notes, res.Warnings...)
	for _, p := range res.Problems[:min(len(res.Problems), problemsShown)] {
		u.Problems = append(u.Problems, problemOf(p))
	}
	u.MoreProblems = len(res.Problems) - len(u.Problems)
	return u
}

func problemOf(p *position.Error) problem {
	_, what := ingest.SplitMessage("", p.Message())
	return problem{File: p.File, Where: p.Place(), Type: string(ingest.TypeOf(p)), Message: what, Column: p.Column}
}

func (s *Server) uploadErr(w http.ResponseWriter, r *http.Request, err error) {
	var mb *http.MaxBytesError
	if errors.As(err, &mb) {
		s.tooLarge(w, r)
		return
	}
	s.fail(w, r, "returns", badRequest{"The upload was cut short or garbled; try again. (" + err.Error() + ")"})
}

func (s *Server) tooLarge(w http.ResponseWriter, r *http.Request) {
	w.Header().Set("Connection", "close")
	body, _ := content("error", map[string]any{"Status": http.StatusRequestEntityTooLarge,
		"Message": fmt.Sprintf("The upload is larger than this server takes (%d MB in one go). Upload fewer files at a time, or load large returns with 'obs ingest'.", s.opt.MaxUpload>>20)})
	s.show(w, r, http.StatusRequestEntityTooLarge, "returns", "Upload too large", body)
}

// safeFileName keeps a file name readable and harmless: letters, digits and
// a few marks; the rest become "_".
func safeFileName(name string) string {
	var b strings.Builder
	for _, r := range name {
		switch {
		case unicode.IsLetter(r) || unicode.IsDigit(r) || strings.ContainsRune(" ._-()+", r):
			b.WriteRune(r)
		default:
			b.WriteByte('_')
		}
	}
	s := strings.TrimLeft(strings.TrimSpace(b.String()), ".")
	if s == "" {
		s = "upload"
	}
	if len(s) > 120 {
		s = s[len(s)-120:]
	}
	return s
}

func uniqueName(name string, seen map[string]bool) string {
	out := name
	ext := filepath.Ext(name)
	for i := 2; seen[strings.ToLower(out)]; i++ {
		out = fmt.Sprintf("%s (%d)%s", strings.TrimSuffix(name, ext), i, ext)
	}
	seen[strings.ToLower(out)] = true
	return out
}

// recheck checks every quarantined row again and loads those that pass now
// (POST, from the returns page), then says what it did.
func (s *Server) recheck(w http.ResponseWriter, r *http.Request) {
	if s.opt.Keyring == nil {
		forbidden(w)
		return
	}
	ctx := steps.As(r.Context(), s.pseudonym(r))
	var results []*ingest.Result
	var checked, loaded, still int
	err := s.write(ctx, func(st *store.Store) (err error) {
		results, err = steps.Recheck(ctx, st, ingest.Options{Keyring: s.opt.Keyring, User: who(r)})
		checked, loaded, still = steps.Rechecked(results)
		return err
	})
	if err != nil {
		s.fail(w, r, "returns", err)
		return
	}
	if loaded > 0 {
		s.recompute(s.pseudonym(r))
	}
	var files []uploadFile
	for _, res := range results {
		files = append(files, uploadResult(res))
	}
	body, err := content("rechecked", map[string]any{"Files": files, "Checked": checked, "Loaded": loaded, "Still": still, "State": s.stateView(r.Context())})
	if err != nil {
		s.fail(w, r, "returns", err)
		return
	}
	s.show(w, r, http.StatusOK, "returns", "Re-check results", body)
}
