package cli

import (
	"errors"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	evidence "github.com/ourbiggerstory/obs/pipeline/report"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

func init() {
	register(&Command{
		Name: "pack", Args: "--out DIR",
		Summary: "evidence packs, one per area: HTML, XLSX (and PDF where Chromium is installed)",
		Flags: func(fs *flag.FlagSet, env *Env) func([]string) error {
			out := fs.String("out", "", "the folder to write the packs to (created if needed)")
			area := fs.String("area", "", "only this area (its id, e.g. birchfield); default: every area with scores")
			period := fs.String("period", "", "the period the packs report on, e.g. 2021-22 (default: each area's latest)")
			pdf := fs.Bool("pdf", false, "also print each pack to PDF with headless Chromium")
			return func(args []string) error {
				if len(args) > 0 {
					return usageErr("obs pack takes no arguments (did you mean --area %s?)", args[0])
				}
				if *out == "" {
					return usageErr("say where to write the packs: --out DIR")
				}
				show := 0
				if *period != "" {
					p, ok := schemas.ParsePeriod(*period)
					if !ok {
						return usageErr("--period %s: give a reporting year such as 2021-22", *period)
					}
					show = int(p)
				}
				var ids []string
				if *area != "" {
					ids = []string{strings.ToLower(strings.TrimSpace(*area))}
				}
				res, err := writePacks(env, ids, show, *out, *pdf)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s written to %s (%s)%s: open %s\n", tabular.Plural(len(res.Written), "evidence pack"), *out,
					res.Formats(), syntheticNote(res.Data), filepath.Join(*out, "index.html"))
				if res.Stale != "" {
					fmt.Fprintf(env.Stderr, "obs pack: note: %s (each pack's appendix says so)\n", res.Stale)
				}
				return res.PDFErr
			}
		},
	})
}

// packRun is what writePacks did.
type packRun struct {
	*steps.PackRun
	Data  *evidence.Data
	Stale string // what the packs' appendix says when made from stale results
}

func syntheticNote(d *evidence.Data) string {
	if d != nil && d.Synthetic() {
		return "; synthetic data, every page says so"
	}
	return ""
}

// writePacks reads the database read-only, once, and writes the packs of ids
// (every area with scores when empty) and an index.html to dir.
func writePacks(env *Env, ids []string, period int, dir string, pdf bool) (*packRun, error) {
	st, err := store.OpenReadOnly(env.Ctx, env.DB)
	if err != nil {
		return nil, err
	}
	d, opt, err := steps.ReadPacks(env.Ctx, st)
	st.Close()
	if err != nil {
		return nil, err
	}
	opt.Period = period
	for _, id := range ids {
		var ue *evidence.UnknownAreaError
		if _, err := d.Area(id); errors.As(err, &ue) {
			return nil, usageErr("--area: %s", ue.Message())
		} else if err != nil {
			return nil, err
		}
	}
	res, err := steps.WritePacks(env.Ctx, d, opt, ids, dir, pdf, env.progress())
	env.progressDone()
	if err != nil {
		return nil, err
	}
	run := &packRun{PackRun: res, Data: d, Stale: opt.Stale}
	links := evidence.IndexLinks(run.Written, func(p string) string {
		r, _ := filepath.Rel(dir, p)
		return filepath.ToSlash(r)
	})
	if len(ids) > 0 {
		// Some areas only: the index keeps listing the packs already there.
		links = evidence.MergeLinks(packsListed(dir), links)
	}
	ix := &evidence.Index{Title: "Evidence packs", Synthetic: d.Synthetic(),
		Intro:    "One pack per area: what the returns say about how resident-led it is, under every definition, and how its community leadership works.",
		Sections: []evidence.IndexSection{{Title: "Areas", Links: links}}}
	if err := writeIndexFile(filepath.Join(dir, "index.html"), ix); err != nil {
		return nil, err
	}
	return run, nil
}

// packsListed are the packs dir's index lists that are still in dir.
func packsListed(dir string) []evidence.Link {
	page, err := os.ReadFile(filepath.Join(dir, "index.html"))
	if err != nil {
		return nil
	}
	var out []evidence.Link
	for _, l := range evidence.ReadIndexLinks(string(page)) {
		if _, err := os.Stat(filepath.Join(dir, filepath.FromSlash(l.Href))); err == nil {
			out = append(out, l)
		}
	}
	return out
}

func writeIndexFile(path string, ix *evidence.Index) error {
	f, err := os.Create(path)
	if err != nil {
		return err
	}
	if err := evidence.WriteIndex(f, ix); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}
