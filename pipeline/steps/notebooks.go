package steps

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"io"
	"io/fs"
	"os"
	"path/filepath"
	"sort"
	"strings"

	"github.com/ourbiggerstory/obs/notebooks"
	"github.com/ourbiggerstory/obs/pipeline/notebook"
	"github.com/ourbiggerstory/obs/pipeline/position"
)

// ErrNotebookCells says some cells of a notebook failed; the page was
// written with each error shown in place.
var ErrNotebookCells = errors.New("some cells failed")

// Source is a notebook's file name and text.
type Source struct {
	File string
	Data []byte
}

// Name is the notebook's name: its file name without the .md.
func (s Source) Name() string {
	return strings.TrimSuffix(filepath.Base(s.File), filepath.Ext(s.File))
}

// Parse reads the notebook's cells, title and parameters.
func (s Source) Parse() *notebook.Notebook { return notebook.Parse(filepath.Base(s.File), s.Data) }

// ShippedNotebooks are the notebooks obs carries (notebooks/*.md), by name.
func ShippedNotebooks() ([]Source, error) { return sourcesIn(notebooks.Files) }

// NotebookSources reads the notebooks to render: those in dir, else the
// notebooks/ folder of the current directory when there is one, else the
// shipped ones. The second result says, for a person, where they came from.
func NotebookSources(dir string) ([]Source, string, error) {
	fsys, from := fs.FS(notebooks.Files), "the notebooks shipped with obs (copy one to edit it)"
	switch {
	case dir != "":
		fsys, from = os.DirFS(dir), dir
	default:
		if st, err := os.Stat("notebooks"); err == nil && st.IsDir() {
			fsys, from = os.DirFS("notebooks"), "notebooks/"
		}
	}
	srcs, err := sourcesIn(fsys)
	if err != nil {
		return nil, "", err
	}
	if len(srcs) == 0 && dir != "" {
		return nil, "", fmt.Errorf("--notebooks %s: no notebooks (.md files) there", dir)
	}
	return srcs, from, nil
}

func sourcesIn(fsys fs.FS) ([]Source, error) {
	names, err := fs.Glob(fsys, "*.md")
	if err != nil {
		return nil, err
	}
	sort.Strings(names)
	var out []Source
	for _, n := range names {
		data, err := fs.ReadFile(fsys, n)
		if err != nil {
			return nil, err
		}
		out = append(out, Source{File: n, Data: data})
	}
	return out, nil
}

// RunNotebook runs a notebook's cells on db (opened read-only) with params
// over its front matter's, and writes its page to w. The result's Errors are
// the cells that failed, shown in place on the page.
func RunNotebook(ctx context.Context, db *sql.DB, src Source, params map[string]string, w io.Writer) (*notebook.Result, error) {
	nb := src.Parse()
	nb.SetParams(params)
	res := notebook.Run(ctx, db, nb, notebook.Options{})
	return res, res.WriteHTML(w, Version())
}

// Rendered is one notebook written to a file.
type Rendered struct {
	Source, Page, Title string
	Errors              []*position.Error
}

// RenderNotebooks runs each notebook on db and writes DIR/<name>.html. When
// a cell failed it returns ErrNotebookCells (wrapped): the pages are written
// all the same, with the errors in place. progress, when set, is told of each.
func RenderNotebooks(ctx context.Context, db *sql.DB, srcs []Source, params map[string]string, dir string, progress Progress) ([]Rendered, error) {
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var done []Rendered
	failed := 0
	for i, s := range srcs {
		if progress != nil {
			progress(i+1, len(srcs), "running notebooks ("+s.File+")")
		}
		page := filepath.Join(dir, s.Name()+".html")
		f, err := os.Create(page)
		if err != nil {
			return done, err
		}
		res, err := RunNotebook(ctx, db, s, params, f)
		if cerr := f.Close(); err == nil {
			err = cerr
		}
		if err != nil {
			return done, err
		}
		if res.Failed() {
			failed++
		}
		done = append(done, Rendered{Source: s.File, Page: page, Title: res.Notebook.Title, Errors: res.Errors})
	}
	if failed > 0 {
		n := fmt.Sprintf("%d notebooks", failed)
		if failed == 1 {
			n = "1 notebook"
		}
		return done, fmt.Errorf("%w in %s: the pages show each error in place, with its line", ErrNotebookCells, n)
	}
	return done, nil
}
