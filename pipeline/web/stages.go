package web

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"strings"
	"sync"

	"github.com/ourbiggerstory/obs/notebooks"
	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/notebook"
	"github.com/ourbiggerstory/obs/pipeline/query"
	"github.com/ourbiggerstory/obs/pipeline/report"
	"github.com/ourbiggerstory/obs/pipeline/report/browser"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// DefaultHooks connects the server to the pipeline's own stages: the
// analyses, the evidence packs (PDF where Chromium is installed), the query
// library and the shipped notebooks. version is printed on notebook pages.
func DefaultHooks(version string) Hooks {
	p := &packer{}
	formats := []string{"html", "xlsx"}
	if browser.Find() != "" {
		formats = append(formats, "pdf")
	}
	return Hooks{
		Recompute:   Recompute,
		Pack:        p.write,
		PackFormats: formats,
		Queries:     savedQueries,
		RunQuery:    runSavedQuery,
		Notebooks:   shippedNotebooks,
		Notebook: func(ctx context.Context, db *sql.DB, name string, params map[string]string, w io.Writer) error {
			return runNotebook(ctx, db, name, params, version, w)
		},
	}
}

// shippedNotebooks lists the notebooks embedded in obs (notebooks/*.md).
func shippedNotebooks() ([]NotebookInfo, error) {
	files, err := fs.Glob(notebooks.Files, "*.md")
	if err != nil {
		return nil, err
	}
	var out []NotebookInfo
	for _, f := range files {
		b, err := fs.ReadFile(notebooks.Files, f)
		if err != nil {
			return nil, err
		}
		nb := notebook.Parse(f, b)
		info := NotebookInfo{Name: strings.TrimSuffix(f, ".md"), Title: nb.Title}
		for _, p := range nb.Params {
			info.Params = append(info.Params, QueryParam{Name: p.Name, Default: p.Value})
		}
		out = append(out, info)
	}
	return out, nil
}

func runNotebook(ctx context.Context, db *sql.DB, name string, params map[string]string, version string, w io.Writer) error {
	b, err := fs.ReadFile(notebooks.Files, name+".md")
	if err != nil {
		return err
	}
	nb := notebook.Parse(name+".md", b)
	nb.SetParams(params)
	return notebook.Run(ctx, db, nb, notebook.Options{}).WriteHTML(w, version)
}

// Recompute re-runs the analyses with the built-in definitions and the
// settings the results were last made with (analysis.PreviousOptions: an
// evaluator's weights, normalisation, seed, rubric, codebook and overrides
// are kept; with no results yet, the commands' defaults), replacing the
// result tables in one transaction so that no page sees new scores beside
// old labels.
func Recompute(ctx context.Context, st *store.Store) error {
	defs, err := analysis.LoadDefinitions(analysis.BuiltinDefinitions(), "")
	if err != nil {
		return err
	}
	sopt, copt, err := analysis.PreviousOptions(ctx, st.DB, defs)
	if err != nil {
		return err
	}
	return st.InTx(ctx, func(tx *store.Tx) error {
		sres, err := analysis.Score(ctx, tx.Conn, defs, sopt)
		if err != nil {
			return fmt.Errorf("scoring: %w", err)
		}
		if err := sres.Write(tx); err != nil {
			return err
		}
		cres, err := analysis.Classify(ctx, tx, defs.Helpers, copt)
		if err != nil {
			return fmt.Errorf("classifying: %w", err)
		}
		return cres.Write(tx)
	})
}

// packer renders packs with the report package, reading the database once
// per version of it (report.Load reads everything every pack needs).
type packer struct {
	mu      sync.Mutex
	version string
	data    *report.Data
}

// version says which loads and which analysis runs the database holds.
func dbVersion(ctx context.Context, db *sql.DB) (string, error) {
	var loads sql.NullInt64
	var scored, classified sql.NullString
	err := db.QueryRowContext(ctx, `SELECT (SELECT max(load_id) FROM loads),
		(SELECT max(value) FROM score_settings WHERE key = 'run_at'),
		(SELECT max(value) FROM classify_settings WHERE key = 'run_at')`).Scan(&loads, &scored, &classified)
	return fmt.Sprintf("%d/%s/%s", loads.Int64, scored.String, classified.String), err
}

func (p *packer) load(ctx context.Context, db *sql.DB) (*report.Data, error) {
	v, err := dbVersion(ctx, db)
	if err != nil {
		return nil, err
	}
	p.mu.Lock()
	defer p.mu.Unlock()
	if p.data != nil && p.version == v {
		return p.data, nil
	}
	d, err := report.Load(ctx, db)
	if err != nil {
		return nil, err
	}
	p.data, p.version = d, v
	return d, nil
}

func (p *packer) write(ctx context.Context, db *sql.DB, area string, period int, format string, w io.Writer) error {
	d, err := p.load(ctx, db)
	if err != nil {
		return err
	}
	pk, err := d.Pack(area, report.Options{Period: period})
	if err != nil {
		return err
	}
	switch format {
	case "html":
		return pk.WriteHTML(w)
	case "xlsx":
		return pk.WriteXLSX(w)
	case "pdf":
		return writePDF(ctx, pk, w)
	}
	return fmt.Errorf("no pack format %q", format)
}

// writePDF prints the HTML pack with a headless Chromium, started for it.
func writePDF(ctx context.Context, pk *report.Pack, w io.Writer) error {
	dir, err := os.MkdirTemp("", "obs-pdf-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	file := filepath.Join(dir, "pack.html")
	f, err := os.Create(file)
	if err != nil {
		return err
	}
	if err := pk.WriteHTML(f); err != nil {
		f.Close()
		return err
	}
	if err := f.Close(); err != nil {
		return err
	}
	b, err := browser.Start(ctx)
	if err != nil {
		return err
	}
	defer b.Close()
	pdf, err := b.PDF(file)
	if err != nil {
		return err
	}
	_, err = w.Write(pdf)
	return err
}

func savedQueries() ([]SavedQuery, error) {
	qs, err := query.Saved()
	if err != nil {
		return nil, err
	}
	out := make([]SavedQuery, 0, len(qs))
	for _, q := range qs {
		sq := SavedQuery{Name: q.Name, Description: q.Description}
		for _, p := range q.Params {
			sq.Params = append(sq.Params, QueryParam{Name: p.Name, Type: p.Type, Default: p.Default, Doc: p.Doc, Required: p.Required})
		}
		out = append(out, sq)
	}
	return out, nil
}

func runSavedQuery(ctx context.Context, db *sql.DB, name string, params map[string]string, limit int) (*tabular.Table, bool, error) {
	q, err := query.Find(name)
	if err != nil {
		return nil, false, err
	}
	return query.Table(ctx, db, q, params, limit)
}
