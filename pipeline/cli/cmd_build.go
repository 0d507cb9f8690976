package cli

import (
	"bytes"
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/ingest"
	"github.com/ourbiggerstory/obs/pipeline/privacy"
	evidence "github.com/ourbiggerstory/obs/pipeline/report"
	"github.com/ourbiggerstory/obs/pipeline/sample"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

// defaultSampleDir is where the bundled sample returns live in the repository.
const defaultSampleDir = "data/sample"

func init() {
	register(&Command{
		Name: "build", Args: "[--data DIR] [--out DIR]",
		Summary: "the main job: load returns (the bundled sample if none given), score, classify, evidence packs and notebooks into one folder",
		Flags: func(fs *flag.FlagSet, env *Env) func([]string) error {
			data := fs.String("data", "", "a folder (or file) of returns to load (default: the bundled sample, data/sample)")
			out := fs.String("out", "out", "the folder for the outputs (created if needed)")
			key := fs.String("key", privacy.DefaultKeyPath(), "the pseudonym key file (kept outside the database; $OBS_KEY)")
			pdf := fs.Bool("pdf", false, "also print each evidence pack to PDF (needs Chromium; about a second a pack)")
			nbDir := fs.String("notebooks", "", "a folder of notebooks to render (default: notebooks/ when present, else the shipped ones)")
			return func(args []string) error {
				if len(args) > 0 {
					return usageErr("obs build takes no arguments (did you mean --data %s?)", args[0])
				}
				return build(env, buildOptions{Data: *data, Out: *out, Key: *key, PDF: *pdf, Notebooks: *nbDir})
			}
		},
	})
}

type buildOptions struct {
	Data, Out, Key, Notebooks string
	PDF                       bool
}

// buildStep shows progress on a terminal; it says nothing when piped.
type buildStep struct {
	env   *Env
	n     int
	start time.Time
}

func (s *buildStep) next(what string) {
	s.n++
	if s.env.Progress {
		fmt.Fprintf(s.env.Stderr, "\r\033[K[%d/6] %s…", s.n, what)
	}
}

// stopped says, of a build stopped by Ctrl+C after its returns were
// loaded, that they stay loaded.
func (s *buildStep) stopped(err error) error {
	var se *stoppedError
	if s.n <= 2 || !errors.Is(err, context.Canceled) || errors.As(err, &se) {
		return err
	}
	return &stoppedError{err: err, kept: "the returns it loaded stay loaded; run obs build again to finish"}
}

func (s *buildStep) done() {
	if s.env.Progress {
		fmt.Fprint(s.env.Stderr, "\r\033[K")
	}
}

func build(env *Env, o buildOptions) (err error) {
	stage := &buildStep{env: env, start: time.Now()}
	defer stage.done()
	defer func() { err = stage.stopped(err) }()
	if err := os.MkdirAll(o.Out, 0o755); err != nil {
		return err
	}
	// 1. The returns: those given, else the bundled sample, else a fresh one.
	stage.next("finding the returns")
	data, sampleUsed, err := buildData(o)
	if err != nil {
		return err
	}

	// 2. Ingest, as 'obs ingest' does; its report goes to a file.
	stage.next("loading " + data)
	var ingestLog bytes.Buffer
	quiet := *env
	quiet.Stdout, quiet.Progress = &ingestLog, false
	sum, err := ingestPaths(&quiet, []string{data}, o.Key, 1000, ingest.Options{}, ingest.Ask)
	if err != nil {
		return err
	}
	// What the database holds now, this run's files and earlier ones alike.
	held, err := heldRows(env)
	if err != nil {
		return err
	}
	ingestReport := filepath.Join(o.Out, "ingest.txt")
	if err := os.WriteFile(ingestReport, ingestLog.Bytes(), 0o644); err != nil {
		return err
	}

	// 3. Score and 4. classify: the commands themselves, with their defaults.
	stage.next("scoring every definition")
	scoreReport := filepath.Join(o.Out, "scores.txt")
	if err := buildRunCommand(env, "score", scoreReport); err != nil {
		return fmt.Errorf("scoring: %w", err)
	}
	stage.next("classifying the leadership models")
	classReport := filepath.Join(o.Out, "classification.txt")
	if err := buildRunCommand(env, "classify", classReport); err != nil {
		return fmt.Errorf("classifying: %w", err)
	}

	// 5. Evidence packs, read once from the database for every area.
	stage.next("writing the evidence packs")
	packDir := filepath.Join(o.Out, "packs")
	packs, err := writePacks(&quiet, nil, 0, packDir, o.PDF)
	if err != nil {
		return fmt.Errorf("evidence packs: %w", err)
	}

	// 6. Notebooks.
	stage.next("rendering the notebooks")
	srcs, nbFrom, err := steps.NotebookSources(o.Notebooks)
	if err != nil {
		return err
	}
	nbDir := filepath.Join(o.Out, "notebooks")
	nbs, nbErr := renderNotebookSources(&quiet, srcs, nil, nbDir)
	if nbErr != nil && !errors.Is(nbErr, steps.ErrNotebookCells) {
		return fmt.Errorf("notebooks: %w", nbErr)
	}
	stage.done()

	// The index linking everything, and the summary.
	r := &buildResult{data: data, sampleUsed: sampleUsed, sum: sum, held: held,
		ingestReport: ingestReport, scoreReport: scoreReport, classReport: classReport,
		packs: packs, packDir: packDir, nbs: nbs, nbFrom: nbFrom, nbDir: nbDir,
		index: filepath.Join(o.Out, "index.html")}
	if err := writeIndexFile(r.index, buildIndex(env, o.Out, r)); err != nil {
		return err
	}
	writeBuildSummary(env, r, time.Since(stage.start))
	if nbErr != nil {
		writeNotebookProblems(env.Stdout, nbs)
	}
	return nbErr
}

// writeNotebookProblems lists the cells of the notebooks that failed.
func writeNotebookProblems(w io.Writer, nbs []steps.Rendered) {
	for _, n := range nbs {
		for _, e := range n.Errors {
			fmt.Fprintf(w, "  notebook problem: %v\n", e)
		}
	}
}

// buildResult is what the steps of obs build wrote, for its index and summary.
type buildResult struct {
	data, sampleUsed                       string
	sum                                    ingestSummary
	held                                   steps.Held
	ingestReport, scoreReport, classReport string
	packs                                  *packRun
	packDir                                string
	nbs                                    []steps.Rendered
	nbFrom, nbDir                          string
	index                                  string
}

// buildIndex is the index page linking every output under out.
func buildIndex(env *Env, out string, r *buildResult) *evidence.Index {
	d := r.packs.Data
	rel := func(p string) string {
		rp, err := filepath.Rel(out, p)
		if err != nil {
			return p
		}
		return filepath.ToSlash(rp)
	}
	return &evidence.Index{
		Title:     "Our Bigger Story: what resident-led means in Big Local",
		Intro:     "The outputs of one run of obs build: an evidence pack for every area, the notebooks, and the reports of each step.",
		Synthetic: d.Synthetic(),
		Facts: [][2]string{
			{"Returns", fmt.Sprintf("%s from %s", tabular.Plural(r.sum.Files, "file"), r.data)},
			{"Rows", fmt.Sprintf("%d loaded, %d quarantined (see ingest.txt, or 'obs problems')", r.held.Loaded, r.held.Quarantined)},
			{"Areas", fmt.Sprintf("%d with scores", len(d.ScoredAreas()))},
			{"Periods", periodsText(d.Periods())},
			{"Database", env.DB},
		},
		Sections: []evidence.IndexSection{
			{Title: "Evidence packs", About: "One per area, in HTML (to read and print), XLSX (the figures behind every chart) and PDF where made.",
				Links: evidence.IndexLinks(r.packs.Written, rel)},
			{Title: "Notebooks", About: "Analyses across the areas, as Markdown with SQL and chart cells: edit them in " + r.nbFrom + " and run obs notebook.",
				Links: notebookLinks(r.nbs, rel)},
			{Title: "Reports of each step", Links: []evidence.Link{
				{Label: "What was loaded, and every quarantined row", Href: rel(r.ingestReport)},
				{Label: "Resident-led scores (obs score)", Href: rel(r.scoreReport)},
				{Label: "Leadership models (obs classify)", Href: rel(r.classReport)},
			}},
		},
	}
}

// writeBuildSummary prints what obs build did and where it put it.
func writeBuildSummary(env *Env, r *buildResult, took time.Duration) {
	w, d, sum, held := env.Stdout, r.packs.Data, r.sum, r.held
	fmt.Fprintln(w, "obs build: done.")
	if d.Synthetic() {
		fmt.Fprintln(w, "  SYNTHETIC DATA: every figure comes from sample returns, and every page says so.")
	}
	if r.sampleUsed != "" {
		fmt.Fprintf(w, "  returns:     %s (%s)\n", r.data, r.sampleUsed)
	} else {
		fmt.Fprintf(w, "  returns:     %s\n", r.data)
	}
	fmt.Fprintf(w, "  loaded:      %s read, %d rows loaded, %d quarantined", tabular.Plural(sum.Files, "file"), sum.Loaded, sum.Quarantined)
	if sum.Already > 0 {
		fmt.Fprintf(w, ", %d already in the database", sum.Already)
	}
	if sum.Refused > 0 {
		fmt.Fprintf(w, ", %d refused", sum.Refused)
	}
	fmt.Fprintf(w, " (%s)\n", r.ingestReport)
	if sum.Already > 0 {
		fmt.Fprintf(w, "  in all:      %d rows loaded, %d quarantined in the database\n", held.Loaded, held.Quarantined)
	}
	fmt.Fprintf(w, "  areas:       %d, periods %s\n", len(d.ScoredAreas()), periodsText(d.Periods()))
	fmt.Fprintf(w, "  packs:       %s in %s (%s)\n", tabular.Plural(len(r.packs.Written), "area"), r.packDir, r.packs.Formats())
	fmt.Fprintf(w, "  notebooks:   %s in %s\n", tabular.Plural(len(r.nbs), "notebook"), r.nbDir)
	fmt.Fprintf(w, "  database:    %s\n", env.DB)
	fmt.Fprintf(w, "  open:        %s\n", r.index)
	fmt.Fprintf(w, "  took:        %.1f s\n", took.Seconds())
	if r.packs.PDFErr != nil {
		fmt.Fprintf(w, "  no PDFs:     %v\n", r.packs.PDFErr)
	}
	if held.Quarantined > 0 {
		fmt.Fprintf(w, "  %s quarantined: in no figure; 'obs problems --db %s' lists them to fix and send back.\n",
			tabular.Plural(held.Quarantined, "row"), env.DB)
	}
}

// buildData picks the returns to load: --data, else data/sample, else a
// sample written into the output folder. The second result says which
// sample was used ("" for the evaluator's own data).
func buildData(o buildOptions) (string, string, error) {
	if o.Data != "" {
		if _, err := os.Stat(o.Data); err != nil {
			return "", "", fmt.Errorf("--data %s: no such file or folder", o.Data)
		}
		return o.Data, "", nil
	}
	if st, err := os.Stat(defaultSampleDir); err == nil && st.IsDir() {
		return defaultSampleDir, "the bundled synthetic sample", nil
	}
	dir := filepath.Join(o.Out, "sample")
	if _, err := sample.Write(dir, sample.Options{}); err != nil {
		return "", "", fmt.Errorf("writing sample returns to %s: %w", dir, err)
	}
	return dir, "synthetic sample written by obs sample, as " + defaultSampleDir + " is not here", nil
}

// buildRunCommand runs another obs command in-process, with its default
// flags and this run's database, and writes what it prints to report.
func buildRunCommand(env *Env, name, report string) error {
	c, ok := commands[name]
	if !ok {
		return fmt.Errorf("this obs has no %s command", name)
	}
	var out bytes.Buffer
	sub := *env
	sub.Stdout, sub.Progress, sub.noStaleNote = &out, false, true
	fs := flag.NewFlagSet("obs "+name, flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&sub.DB, "db", env.DB, "")
	run := c.Flags(fs, &sub)
	if err := fs.Parse(nil); err != nil {
		return err
	}
	err := run(nil)
	if werr := os.WriteFile(report, out.Bytes(), 0o644); werr != nil && err == nil {
		err = werr
	}
	return err
}

func notebookLinks(nbs []steps.Rendered, rel func(string) string) []evidence.Link {
	var out []evidence.Link
	for _, n := range nbs {
		l := evidence.Link{Label: n.Title, Href: rel(n.Page)}
		if len(n.Errors) > 0 {
			l.Note = tabular.Plural(len(n.Errors), "problem") + " shown in place"
		}
		out = append(out, l)
	}
	return out
}

func periodsText(ps []int) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = schemas.Period(p).String()
	}
	if len(s) == 0 {
		return "none"
	}
	return strings.Join(s, ", ")
}

// heldRows counts what the database holds from current (not superseded) loads.
func heldRows(env *Env) (steps.Held, error) {
	st, err := store.OpenReadOnly(env.Ctx, env.DB)
	if err != nil {
		return steps.Held{}, err
	}
	defer st.Close()
	return steps.ReadHeld(env.Ctx, st.DB)
}
