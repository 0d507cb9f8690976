package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

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
				if err != nil && !errors.Is(err, steps.ErrNotebookCells) {
					return err
				}
				for _, p := range pages {
					fmt.Fprintln(env.Stdout, summary(p))
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

// summary says, for a person, where a notebook's page is and what failed.
func summary(r steps.Rendered) string {
	if len(r.Errors) == 0 {
		return fmt.Sprintf("%s: %s", r.Source, r.Page)
	}
	var b strings.Builder
	fmt.Fprintf(&b, "%s: %s, with %s shown in place:", r.Source, r.Page, tabular.Plural(len(r.Errors), "problem"))
	for _, e := range r.Errors {
		fmt.Fprintf(&b, "\n  %v", e)
	}
	return b.String()
}

// renderNotebooks runs each notebook against the database, read-only, and
// writes DIR/<name>.html. It returns steps.steps.ErrNotebookCells (wrapped) when a
// cell failed: the pages are written all the same.
func renderNotebooks(env *Env, files []string, params map[string]string, dir string) ([]steps.Rendered, error) {
	var srcs []steps.Source
	for _, f := range files {
		data, err := os.ReadFile(f)
		if err != nil {
			return nil, fmt.Errorf("%s: cannot read the notebook: %w", f, errors.Unwrap(err))
		}
		srcs = append(srcs, steps.Source{File: f, Data: data})
	}
	return renderNotebookSources(env, srcs, params, dir)
}

func renderNotebookSources(env *Env, srcs []steps.Source, params map[string]string, dir string) ([]steps.Rendered, error) {
	st, err := store.OpenReadOnly(env.Ctx, env.DB)
	if err != nil {
		return nil, err
	}
	defer st.Close()
	done, err := steps.RenderNotebooks(env.Ctx, st.DB, srcs, params, dir, env.progress())
	env.progressDone()
	for _, s := range srcs {
		if steps.ReadsResults(string(s.Data)) {
			noteStale(env, "notebook", st.DB)
			break
		}
	}
	return done, err
}
