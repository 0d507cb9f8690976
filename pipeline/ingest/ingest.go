// Package ingest loads returns into the store: spreadsheets (.xlsx streamed
// by xlsx.go, .csv by read.go) and REFI-QDA projects and codebooks (.qdpx,
// .qdc; qdpx*.go). It recognises each sheet's kind and columns, parses every
// cell by the data contract, pseudonymises names, quarantines rows that break
// the contract with their positions, and loads each file in one transaction
// through Arrow.
package ingest

import (
	"context"
	"errors"
	"fmt"
	"path/filepath"
	"strings"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/position"
	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// Options are the settings of a load.
type Options struct {
	Keyring *privacy.Keyring
	Limits  Limits
	User    string           // who runs the load (stored as a pseudonym)
	Now     func() time.Time // for tests; time.Now when nil
	// AreaFrom says where a .qdpx project gives each coding's area:
	// "variable:NAME" (a case variable), "case" (the case name) or
	// "source:REGEXP" (first submatch of the source name). Default "variable:area".
	AreaFrom string
	// Area, for a .qdpx project, is the area (id or name) every coding of
	// the project belongs to: one project per area. It excludes AreaFrom.
	Area string
	// Period, for a .qdpx project, is the reporting year (2017-18) of the
	// codings whose date the project does not give; PeriodFrom "created"
	// takes the interview date from when each source was added to the
	// project (creationDateTime), which obs never does unless told.
	Period, PeriodFrom string
	// Choice says what to do where another return already gave current rows
	// for the same kind, area and period: Ask (the default), Add or Replace.
	Choice Choice
	// Progress, when set, is called with the rows read so far, every
	// ProgressRows rows.
	Progress func(file string, rows int)
}

// ProgressRows is how often, in rows read, Options.Progress is told.
const ProgressRows = 5000

// progress tells Options.Progress of the rows read so far, every
// ProgressRows rows.
func (l *loader) progress(rows int) {
	if l.opt.Progress != nil && rows > 0 && rows%ProgressRows == 0 {
		l.opt.Progress(l.res.File, rows)
	}
}

// Result is what happened to one file.
type Result struct {
	File          string
	Path          string // the file as given to File
	LoadID        int64
	AlreadyLoaded bool  // the same bytes were loaded before, as load PreviousLoad
	PreviousLoad  int64 //
	// Rechecked: the rows that load left in quarantine were checked again
	// (Rows of them; Loaded now pass and joined load LoadID, Quarantined
	// still fail).
	Rechecked bool
	GivenAs   string // a re-checked file's name when it differs from File, the name it was loaded under
	Kinds     []string
	Sheets    []string // sheets loaded
	Skipped   []string // sheets that are no kind of return ("About", notes...)
	// Unrecognised: each header of a loaded sheet that maps to no column
	// (its cells were not loaded), with a suggestion; Kind ErrUnknownColumn.
	Unrecognised []*position.Error
	Warnings     []string // what the evaluator must not miss (a sheet whose figures all came out empty)
	Rows         int      // data rows read (after the header)
	Loaded       int
	Quarantined  int               // rows quarantined
	Blank        int               // blank rows skipped
	Problems     []*position.Error // each quarantined fault; TypeOf gives its type
	Notes        []string          // what the evaluator should know of a load that is no fault (a project with no codings...)
	Supersedes   []int64           // earlier loads whose rows for the same kind, area and period this one replaced
	Replaced     []Replacement     // those rows, by kind, area, period and load, with counts
	Refused      error             // a *position.Error of kind ErrRefused when the file was refused whole; a *ChoiceError when the evaluator must choose add or replace
}

// Order puts the files that hold interview codes after the others, keeping
// the order otherwise, so that the names in rosters, volunteering and grants
// are known before excerpts are read and names in them replaced.
func Order(paths []string) []string {
	var first, last []string
	for _, p := range paths {
		if holdsCodes(p) {
			last = append(last, p)
		} else {
			first = append(first, p)
		}
	}
	return append(first, last...)
}

// isQDA says whether path is a REFI-QDA project (.qdpx, or its bare XML
// .qde) or codebook (.qdc).
func isQDA(path string) bool {
	switch strings.ToLower(filepath.Ext(path)) {
	case ".qdpx", ".qde", ".qdc":
		return true
	}
	return false
}

// holdsCodes peeks at a file's sheets (their names and first rows only).
func holdsCodes(path string) (codes bool) {
	if isQDA(path) {
		return true
	}
	defer func() {
		if recover() != nil {
			codes = false // a file a reader cannot open is refused when it is loaded
		}
	}()
	wb, err := openFile(path, DefaultLimits)
	if err != nil {
		return false
	}
	defer wb.Close()
	anyArea := &returnSheet{area: "?"}
	for _, n := range wb.Sheets() {
		if k := kindBySheetName(n); k != nil { // the name says it: no need to read the sheet
			if k.Name == "interview_codes" {
				return true
			}
			continue
		}
		if isReturnSheet(n) || isNotesSheet(n) {
			continue
		}
		sh, err := wb.Open(n)
		if err != nil {
			return false
		}
		var first [][]string
		for len(first) < headerScan && sh.Next() {
			first = append(first, append([]string(nil), sh.Row()...))
		}
		sh.Close()
		if m := detect(n, first, anyArea); m != nil && m.kind.Name == "interview_codes" {
			return true
		}
	}
	return false
}

// File loads one return. Refusals are reported in Result.Refused; the error
// is for failures of the database itself.
func File(ctx context.Context, st *store.Store, path string, opt Options) (*Result, error) {
	res := &Result{File: filepath.Base(path), Path: path}
	if opt.Keyring != nil {
		if a, err := loadAreas(ctx, st.DB); err == nil {
			a.notNames(opt.Keyring) // "Whitley Bay 2019.xlsx" names a place, not a person
		}
		res.File = opt.Keyring.Redact(res.File) // "Interview Jane Smith.xlsx" names someone too
	}
	sum, err := store.FileSHA256(path)
	if err != nil {
		res.Refused = refusal(res.File, err, "")
		return res, nil
	}
	if opt.Limits.MaxFileBytes == 0 {
		opt.Limits = DefaultLimits
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	var prev int64
	err = st.DB.QueryRowContext(ctx, loadByChecksumSQL, sum).Scan(&prev)
	if err == nil {
		res.AlreadyLoaded, res.PreviousLoad = true, prev
		res.Rechecked, err = recheckFile(ctx, st, path, sum, prev, opt, res)
	} else {
		l := &loader{opt: opt, res: res, path: path, sha: sum, epoch: excelEpoch, db: st.DB}
		err = st.InTx(ctx, func(tx *store.Tx) error { return l.run(ctx, tx) })
	}
	var fe *position.Error
	var ce *ChoiceError
	switch {
	case errors.As(err, &ce):
		res.Refused = ce
	case errors.As(err, &fe) && errors.Is(fe, ErrRefused):
		res.Refused = fe
	}
	if res.Refused != nil {
		res.Problems, res.Loaded, res.Quarantined, res.Replaced, res.Supersedes = nil, 0, 0, nil, nil
		return res, nil
	}
	if err != nil {
		return res, err
	}
	if opt.Keyring != nil {
		if err := opt.Keyring.Save(); err != nil {
			return res, err
		}
	}
	return res, nil
}

// refuse makes the error that refuses the whole file.
func (l *loader) refuse(err error) error {
	hint := ""
	switch {
	case errors.Is(err, ErrTooLarge), errors.Is(err, ErrZipBomb):
		hint = "Split the return into smaller files, or ask for it to be saved again from Excel."
	case errors.Is(err, ErrUnknownKind):
		hint = "Name each sheet after its kind (Events, Partnership, Volunteering...) or give it the columns the data contract lists; 'obs help ingest' lists the kinds."
	}
	return refusal(l.res.File, err, hint)
}

// run loads the file inside the transaction. A panic in a reader becomes a
// refused file.
func (l *loader) run(ctx context.Context, tx *store.Tx) (err error) {
	defer func() {
		if p := recover(); p != nil {
			err = l.refuse(fmt.Errorf("%w: the reader failed on it (%v); please report this with the file", ErrParser, p))
		}
	}()
	if isQDA(l.path) {
		return l.loadQDPX(ctx, tx)
	}
	wb, err := openWorkbook(l.path, l.opt.Limits)
	if err != nil {
		return l.refuse(err)
	}
	defer wb.Close()
	l.recheck.forCSV(wb)
	l.tx, l.ctx = tx, ctx
	if d, ok := wb.(interface{ Date1904() bool }); ok && d.Date1904() {
		l.epoch = epoch1904
	}
	if l.areas, err = loadAreas(ctx, tx.Conn); err != nil {
		return err
	}
	l.areas.notNames(l.opt.Keyring)
	if err := l.newLoadID(tx); err != nil {
		return err
	}
	plan, err := l.plan(wb)
	if err != nil {
		return l.refuse(err)
	}
	for _, p := range plan {
		if err := l.loadSheet(ctx, wb, p); err != nil {
			return err
		}
	}
	if n, ok := wb.(interface{ Notes() []string }); ok {
		l.res.Notes = append(l.res.Notes, n.Notes()...)
	}
	return l.finish()
}
