package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/notebook"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// ErrNotebookCells says some cells of a notebook failed; the page was
// written with the errors shown in place.
var ErrNotebookCells = errors.New("some cells failed")

func init() {
	register(&Command{
		Name: "notebook", Args: "FILE.md... --out DIR",
		Summary: "run notebooks (Markdown with SQL and chart cells) and render each to one HTML page",
		Flags: func(fs *flag.FlagSet, env *Env) func([]string) error {
			out := fs.String("out", "", "the folder to write the pages to (created if needed)")
			var params notebookParams
			fs.Var(&params, "param", "a parameter, NAME=VALUE, over the front matter's (repeatable)")
			return func(args []string) error {
				if len(args) == 0 {
					return usageErr("name at least one notebook (.md file)")
				}
				if *out == "" {
					return usageErr("say where to write the pages: --out DIR")
				}
				pages, err := renderNotebooks(env, args, params, *out)
				if err != nil && !errors.Is(err, ErrNotebookCells) {
					return err
				}
				for _, p := range pages {
					fmt.Fprintln(env.Stdout, p.summary())
				}
				return err
			}
		},
	})
}

// notebookParams collects --param NAME=VALUE.
type notebookParams map[string]string

func (p *notebookParams) String() string { return "" }

func (p *notebookParams) Set(s string) error {
	k, v, ok := strings.Cut(s, "=")
	k = strings.TrimSpace(k)
	if !ok || k == "" {
		return fmt.Errorf("write --param NAME=VALUE, e.g. --param area=birchfield")
	}
	if *p == nil {
		*p = notebookParams{}
	}
	(*p)[k] = strings.TrimSpace(v)
	return nil
}

// renderedNotebook is one notebook written.
type renderedNotebook struct {
	Source, Page, Title string
	Errors              []*notebook.CellError
}

func (r renderedNotebook) summary() string {
	if len(r.Errors) == 0 {
		return fmt.Sprintf("%s: %s", r.Source, r.Page)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s, with %s shown in place:", r.Source, r.Page, plural(len(r.Errors), "problem"))
	for _, e := range r.Errors {
		fmt.Fprintf(&b, "\n  %v", e)
	}
	return b.String()
}

// renderNotebooks runs each notebook against the database, read-only, and
// writes DIR/<name>.html. It returns ErrNotebookCells (wrapped) when a cell
// failed: the pages are written all the same.
func renderNotebooks(env *Env, files []string, params map[string]string, dir string) ([]renderedNotebook, error) {
	var srcs []notebookSource
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot read the notebook: %w", f, errors.Unwrap(err))
		}
		srcs = append(srcs, notebookSource{f, data})
	}
	return renderNotebookSources(env, srcs, params, dir)
}

// notebookSource is a notebook's name and text.
type notebookSource struct {
	file string
	data []byte
}

func renderNotebookSources(env *Env, srcs []notebookSource, params map[string]string, dir string) ([]renderedNotebook, error) {
	st, err := store.OpenReadOnly(env.Ctx, env.DB)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	if err := os.MkdirAll(dir, 0o755); err != nil {
		return nil, err
	}
	var done []renderedNotebook
	failed := 0
	for i, s := range srcs {
		if env.Progress {
			fmt.Fprintf(env.Stderr, "\r\033[Knotebooks: %d/%d %s", i+1, len(srcs), s.file)
		}
		nb := notebook.Parse(filepath.Base(s.file), s.data)
		nb.SetParams(params)
		res := notebook.Run(env.Ctx, st.DB, nb, notebook.Options{})
		page := filepath.Join(dir, strings.TrimSuffix(filepath.Base(s.file), filepath.Ext(s.file))+".html")
		f, err := os.Create(page)
		if err != nil {
			return done, err
		}
		if err := res.WriteHTML(f, programVersion()); err != nil {
			f.Close()
			return done, err
		}
		if err := f.Close(); err != nil {
			return done, err
		}
		if res.Failed() {
			failed++
		}
		done = append(done, renderedNotebook{Source: s.file, Page: page, Title: nb.Title, Errors: res.Errors})
	}
	if env.Progress {
		fmt.Fprint(env.Stderr, "\r\033[K")
	}
	if failed > 0 {
		return done, fmt.Errorf("%w in %s: the pages show each error in place, with its line", ErrNotebookCells, plural(failed, "notebook"))
	}
	return done, nil
}
