package steps

import (
	"context"
	"fmt"
	"io"
	"path/filepath"
	"strings"
	"sync"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/report"
	"github.com/ourbiggerstory/obs/pipeline/report/browser"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// ReadPacks reads, once for every area, what evidence packs are made from,
// and the options every pack of this database is written with: the program
// version, the database's name and checksum, and when its results were made.
// The same database gives the same packs, byte for byte, from either door.
func ReadPacks(ctx context.Context, st *store.Store) (*report.Data, report.Options, error) {
	var opt report.Options
	d, err := report.Load(ctx, st.DB)
	if err != nil {
		return nil, opt, err
	}
	if err := describe(d); err != nil {
		return nil, opt, err
	}
	state, err := ReadState(ctx, st.DB)
	if err != nil {
		return nil, opt, err
	}
	sum, err := Fingerprint(ctx, st.DB)
	if err != nil {
		return nil, opt, err
	}
	stale, err := ReadStaleness(ctx, st.DB)
	if err != nil {
		return nil, opt, err
	}
	opt = report.Options{Version: Version(), DBFile: filepath.Base(st.Path), DBSHA256: sum, Generated: state.ResultsMade(),
		Stale: stale.Message()}
	return d, opt, nil
}

// describe gives every definition in d the prose of its .sql header.
func describe(d *report.Data) error {
	defs, err := analysis.LoadDefinitions(analysis.BuiltinDefinitions(), "")
	if err != nil {
		return err
	}
	about := map[string]string{}
	for _, df := range defs.Defs {
		about[df.Name] = strings.Join(strings.Fields(df.Doc), " ")
	}
	d.Describe(about)
	return nil
}

// Packs keeps what ReadPacks read while the data stays as it was: a server
// asked for many packs reads the database again only after returns are
// loaded, replaced or re-checked, or results remade (its Fingerprint).
type Packs struct {
	mu   sync.Mutex
	sum  string
	data *report.Data
	opt  report.Options
}

// Read is ReadPacks, read again only when the database's data has changed.
func (p *Packs) Read(ctx context.Context, st *store.Store) (*report.Data, report.Options, error) {
	sum, err := Fingerprint(ctx, st.DB)
	if err != nil {
		return nil, report.Options{}, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.data != nil && p.sum == sum {
		return p.data, p.opt, nil
	}
	d, opt, err := ReadPacks(ctx, st)
	if err != nil {
		return nil, opt, err
	}
	p.data, p.opt, p.sum = d, opt, sum
	return d, opt, nil
}

// PackFormats lists the formats packs can be written in on this computer:
// HTML and XLSX, and PDF where Chromium is installed.
func PackFormats() []string {
	if browser.Find() != "" {
		return []string{"html", "xlsx", "pdf"}
	}
	return []string{"html", "xlsx"}
}

// WritePack writes an area's pack for opt.Period (0: the area's latest) to
// w, as "html", "xlsx" or "pdf".
func WritePack(ctx context.Context, d *report.Data, opt report.Options, area, format string, w io.Writer) error {
	pk, err := d.Pack(area, opt)
	if err != nil {
		return err
	}
	switch format {
	case "html":
		return pk.WriteHTML(w)
	case "xlsx":
		return pk.WriteXLSX(w)
	case "pdf":
		return packPDF(ctx, pk, w)
	}
	return fmt.Errorf("there is no pack format %q: choose html, xlsx or pdf", format)
}

// Progress is told how far long work has come: done of total, and what it
// is working on now.
type Progress func(done, total int, what string)

// PackRun is what WritePacks did.
type PackRun struct {
	Written []report.Written
	PDFErr  error // set when PDFs were asked for and could not be made
}

// Formats names the formats written, for a person.
func (r *PackRun) Formats() string {
	if len(r.Written) > 0 && r.Written[0].PDF != "" {
		return "HTML, XLSX and PDF"
	}
	return "HTML and XLSX"
}

// WritePacks writes the packs of ids (every area with scores when empty) as
// DIR/<area>.html and .xlsx, and, with pdf, prints each to DIR/<area>.pdf. A
// failure to print is PackRun.PDFErr: the HTML and XLSX stay written.
// progress, when set, is told of each pack.
func WritePacks(ctx context.Context, d *report.Data, opt report.Options, ids []string, dir string, pdf bool, progress Progress) (*PackRun, error) {
	if len(ids) == 0 {
		for _, a := range d.ScoredAreas() {
			ids = append(ids, a.ID)
		}
	}
	var each func(i, n int, area string)
	if progress != nil {
		each = func(i, n int, area string) { progress(i+1, n, "writing evidence packs ("+area+")") }
	}
	ws, err := d.WriteFiles(ctx, ids, opt, dir, each)
	if err != nil {
		return nil, err
	}
	run := &PackRun{Written: ws}
	if pdf {
		run.PDFErr = printPacks(ctx, ws, progress)
	}
	return run, nil
}
