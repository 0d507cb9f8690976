package cli

import (
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"runtime/debug"
	"strings"
	"sync"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	evidence "github.com/ourbiggerstory/obs/pipeline/report"
	"github.com/ourbiggerstory/obs/pipeline/report/browser"
	"github.com/ourbiggerstory/obs/pipeline/store"
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
				opt := evidence.Options{}
				if *period != "" {
					p, ok := evidence.ParsePeriod(*period)
					if !ok {
						return usageErr("--period %s: give a reporting year such as 2021-22", *period)
					}
					opt.Period = p
				}
				var ids []string
				if *area != "" {
					ids = []string{strings.ToLower(strings.TrimSpace(*area))}
				}
				res, err := writePacks(env, ids, opt, *out, *pdf)
				if err != nil {
					return err
				}
				fmt.Fprintf(env.Stdout, "%s written to %s (%s)%s: open %s\n", plural(len(res.Written), "evidence pack"), *out,
					packFormats(res), syntheticNote(res.Data), filepath.Join(*out, "index.html"))
				return res.PDFErr
			}
		},
	})
}

// packRun is what writePacks did.
type packRun struct {
	Data    *evidence.Data
	Written []evidence.Written
	PDFErr  error // set when PDFs were asked for and could not be made
}

func packFormats(r *packRun) string {
	if len(r.Written) > 0 && r.Written[0].PDF != "" {
		return "HTML, XLSX and PDF"
	}
	return "HTML and XLSX"
}

func syntheticNote(d *evidence.Data) string {
	if d != nil && d.Synthetic() {
		return "; synthetic data, every page says so"
	}
	return ""
}

// writePacks reads the database read-only, once, and writes the packs of ids
// (every area with scores when empty) and an index.html to dir.
func writePacks(env *Env, ids []string, opt evidence.Options, dir string, pdf bool) (*packRun, error) {
	st, err := store.OpenReadOnly(env.Ctx, env.DB)
	if err != nil {
		return nil, err
	}
	d, err := evidence.Load(env.Ctx, st.DB)
	st.Close()
	if err != nil {
		return nil, err
	}
	if defs, err := analysis.LoadDefinitions(analysis.BuiltinDefinitions(), ""); err == nil {
		about := map[string]string{}
		for _, df := range defs.Defs {
			about[df.Name] = strings.Join(strings.Fields(df.Doc), " ")
		}
		d.Describe(about)
	}
	// The checksum of the file the packs were read from, now it is closed.
	sum, err := store.FileSHA256(env.DB)
	if err != nil {
		return nil, err
	}
	opt.Version = programVersion()
	opt.DBFile = filepath.Base(env.DB)
	opt.DBSHA256 = sum
	opt.Generated = time.Now().UTC().Format("2 January 2006, 15:04 UTC")
	if len(ids) == 0 {
		for _, a := range d.ScoredAreas() {
			ids = append(ids, a.ID)
		}
	} else {
		for _, id := range ids {
			if _, err := d.Area(id); err != nil {
				return nil, usageErr("--area: %v", strings.TrimPrefix(err.Error(), evidence.ErrUnknownArea.Error()+": "))
			}
		}
	}
	var progress func(i, n int, area string)
	if env.Progress {
		progress = func(i, n int, area string) { fmt.Fprintf(env.Stderr, "\r\033[Kevidence packs: %d/%d %s", i+1, n, area) }
	}
	ws, err := d.WriteFiles(env.Ctx, ids, opt, dir, progress)
	if env.Progress {
		fmt.Fprint(env.Stderr, "\r\033[K")
	}
	if err != nil {
		return nil, err
	}
	run := &packRun{Data: d, Written: ws}
	if pdf {
		run.PDFErr = printPacks(env, ws)
	}
	ix := &evidence.Index{Title: "Evidence packs", Synthetic: d.Synthetic(),
		Intro: "One pack per area: what the returns say about how resident-led it is, under every definition, and how its community leadership works.",
		Sections: []evidence.IndexSection{{Title: "Areas", Links: evidence.IndexLinks(run.Written, func(p string) string {
			r, _ := filepath.Rel(dir, p)
			return filepath.ToSlash(r)
		})}}}
	if err := writeIndexFile(filepath.Join(dir, "index.html"), ix); err != nil {
		return nil, err
	}
	return run, nil
}

// printPacks prints every written pack to PDF with one headless Chromium,
// a few tabs at a time (the browser spends most of a print waiting).
func printPacks(env *Env, ws []evidence.Written) error {
	b, err := browser.Start(env.Ctx)
	if err != nil {
		return err
	}
	defer b.Close()
	const tabs = 2
	var (
		mu    sync.Mutex
		done  int
		first error
		wg    sync.WaitGroup
	)
	next := make(chan int)
	for range tabs {
		wg.Add(1)
		go func() {
			defer wg.Done()
			for i := range next {
				data, err := b.PDF(ws[i].HTML)
				p := strings.TrimSuffix(ws[i].HTML, ".html") + ".pdf"
				if err == nil {
					err = os.WriteFile(p, data, 0o644)
				}
				mu.Lock()
				if err != nil && first == nil {
					first = fmt.Errorf("%s: %w", ws[i].HTML, err)
				}
				if err == nil {
					ws[i].PDF = p
				}
				done++
				if env.Progress {
					fmt.Fprintf(env.Stderr, "\r\033[KPDF: %d/%d", done, len(ws))
				}
				mu.Unlock()
			}
		}()
	}
	for i := range ws {
		next <- i
	}
	close(next)
	wg.Wait()
	if env.Progress {
		fmt.Fprint(env.Stderr, "\r\033[K")
	}
	return first
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

// programVersion is the module version and VCS revision obs was built from.
func programVersion() string {
	bi, ok := debug.ReadBuildInfo()
	if !ok {
		return "(unknown)"
	}
	v := bi.Main.Version
	var rev, dirty string
	for _, s := range bi.Settings {
		switch s.Key {
		case "vcs.revision":
			rev = s.Value
		case "vcs.modified":
			if s.Value == "true" {
				dirty = ", modified"
			}
		}
	}
	if len(rev) > 12 {
		rev = rev[:12]
	}
	if rev != "" {
		v += " (commit " + rev + dirty + ")"
	}
	return v
}
