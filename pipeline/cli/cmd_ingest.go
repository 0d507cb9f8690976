package cli

import (
	"context"
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"os/user"
	"runtime/debug"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/ingest"
	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

func init() {
	register(&Command{
		Name: "ingest", Args: "PATH...",
		Summary: "load returns (files or folders of " + ingest.Accepted + " files) into the database",
		Help:    ingestHelp,
		Flags: func(fs *flag.FlagSet, env *Env) func([]string) error {
			key := fs.String("key", privacy.DefaultKeyPath(), "the pseudonym key file (kept outside the database; $OBS_KEY)")
			maxProblems := fs.Int("show", 20, "how many quarantined rows to list per file")
			area := fs.String("area", "", "for .qdpx projects, the area (id or name) every coding of the project belongs to: one project per area, the usual case")
			areaFrom := fs.String("area-from", "variable:area", "for .qdpx projects whose codings are of several areas, where each coding's area comes from: variable:NAME (a case or source variable), case (the case's name) or source:PATTERN (matched in the source's name)")
			period := fs.String("period", "", "for .qdpx projects, the reporting year (2019-20) of the codings whose date the project does not give")
			periodFrom := fs.String("period-from", "", "for .qdpx projects, created: take each interview's date from when its source was added to the project (only if that is when it was recorded)")
			add := fs.Bool("add", false, "where another return already gave rows for the same kind, area and period, add these rows to them (rows that repeat one there exactly are quarantined)")
			replace := fs.Bool("replace", false, "where another return already gave rows for the same kind, area and period, replace them with these (they stay in history)")
			return func(args []string) error {
				if len(args) == 0 {
					return usageErr("name at least one file or folder of returns to load")
				}
				if *add && *replace {
					return usageErr("choose --add or --replace, not both")
				}
				if *area != "" && flagGiven(fs, "area-from") {
					return usageErr("choose --area (one area for the whole project) or --area-from (where each coding's area comes from), not both")
				}
				choice := ingest.Ask
				switch {
				case *add:
					choice = ingest.Add
				case *replace:
					choice = ingest.Replace
				}
				qda := ingest.Options{Area: *area, AreaFrom: *areaFrom, Period: *period, PeriodFrom: *periodFrom}
				sum, err := ingestPaths(env, args, *key, *maxProblems, qda, choice)
				if err != nil {
					return err
				}
				return sum.err()
			}
		},
	})
}

// ingestHelp lists the kinds of return, with the sheet names that say a
// sheet holds each.
func ingestHelp() string {
	var b strings.Builder
	b.WriteString("kinds of return (a sheet is known by its name, as below, or by its headers):\n")
	for _, k := range schemas.Kinds() {
		fmt.Fprintf(&b, "  %-16s %s\n", k.Name, strings.Join(k.Sheets, ", "))
	}
	return b.String()
}

// ingestSummary adds up the results of a run of ingest.
type ingestSummary struct {
	Files, Refused, Already   int
	Rows, Loaded, Quarantined int
	Blank                     int
}

func (s ingestSummary) err() error {
	switch {
	case s.Refused > 0:
		return s.refusedErr()
	case s.Quarantined > 0:
		return ErrQuarantined
	}
	return nil
}

// refusedErr says how many files were refused and what became of the others.
func (s ingestSummary) refusedErr() error {
	others := s.Files - s.Refused - s.Already
	switch {
	case s.Files == 1:
		return errors.New("the file was refused (see above); nothing was loaded")
	case s.Files == 2 && s.Refused == 2:
		return errors.New("both files were refused (see above); nothing was loaded")
	case s.Refused == s.Files:
		return fmt.Errorf("all %d files were refused (see above); nothing was loaded", s.Files)
	case others == 0 && s.Already == 1:
		return fmt.Errorf("%s of %d refused (see above); the other had been loaded before, so nothing new was loaded", tabular.Plural(s.Refused, "file"), s.Files)
	case others == 0:
		return fmt.Errorf("%s of %d refused (see above); the other %d had been loaded before, so nothing new was loaded", tabular.Plural(s.Refused, "file"), s.Files, s.Already)
	}
	if others == 1 {
		return fmt.Errorf("%s of %d refused (see above); the other file was loaded", tabular.Plural(s.Refused, "file"), s.Files)
	}
	return fmt.Errorf("%s of %d refused (see above); the other %d were loaded", tabular.Plural(s.Refused, "file"), s.Files, others)
}

// add counts a file's result and says, a line or a few, what happened to
// it: loaded, quarantined (the first show rows listed), refused, or loaded
// before.
func (s *ingestSummary) add(out io.Writer, r *ingest.Result, show int) {
	s.Files++
	switch {
	case r.Refused != nil:
		s.Refused++
		fmt.Fprintf(out, "%v\n", r.Refused)
		return
	case r.AlreadyLoaded && !r.Rechecked:
		s.Already++
		fmt.Fprintf(out, "%s: already loaded (load %d); nothing to do\n", r.File, r.PreviousLoad)
		return
	case r.AlreadyLoaded:
		s.Already++
		s.Rows += r.Rows
		s.Loaded += r.Loaded
		s.Quarantined += r.Quarantined
		writeRechecked(out, r)
		writeNotes(out, r)
		s.problems(out, r, show)
		return
	}
	s.Rows += r.Rows
	s.Loaded += r.Loaded
	s.Quarantined += r.Quarantined
	s.Blank += r.Blank
	fmt.Fprintf(out, "%s: %s — %s loaded", r.File, strings.Join(r.Kinds, ", "), tabular.Plural(r.Loaded, "row"))
	if r.Quarantined > 0 {
		fmt.Fprintf(out, ", %s quarantined", tabular.Plural(r.Quarantined, "row"))
	}
	if r.Blank > 0 {
		fmt.Fprintf(out, ", %s skipped", tabular.Plural(r.Blank, "blank row"))
	}
	fmt.Fprintf(out, " (load %d)\n", r.LoadID)
	for _, line := range ingest.ReplacementLines(r.Replaced) {
		fmt.Fprintf(out, "  %s; the earlier rows stay in history\n", line)
	}
	if len(r.Skipped) > 0 {
		fmt.Fprintf(out, "  sheet(s) not read, as they are no kind of return obs knows: %s\n", strings.Join(r.Skipped, ", "))
	}
	writeNotes(out, r)
	s.problems(out, r, show)
}

// writeNotes says what the evaluator should know of a load that is no fault.
func writeNotes(out io.Writer, r *ingest.Result) {
	for _, n := range r.Notes {
		fmt.Fprintf(out, "  note: %s\n", n)
	}
	for _, u := range r.Unrecognised {
		fmt.Fprintf(out, "  %v\n", u)
	}
	for _, w := range r.Warnings {
		fmt.Fprintf(out, "  %s\n", w)
	}
}

// problems lists the first show of a file's quarantined rows.
func (s *ingestSummary) problems(out io.Writer, r *ingest.Result, show int) {
	for i, p := range r.Problems {
		if i == show {
			fmt.Fprintf(out, "  … and %d more: 'obs problems' lists them all\n", len(r.Problems)-show)
			break
		}
		fmt.Fprintf(out, "  %s: %v\n", ingest.TypeOf(p), p)
	}
}

// ingestPaths loads every return under paths, printing a line per file.
// qda holds the options for REFI-QDA projects (Area, AreaFrom, Period, PeriodFrom).
func ingestPaths(env *Env, paths []string, keyPath string, show int, qda ingest.Options, choice ingest.Choice) (ingestSummary, error) {
	var sum ingestSummary
	files, skipped, err := ingest.ExpandAll(paths)
	if err != nil {
		return sum, err
	}
	if len(files) == 0 {
		if len(skipped) > 0 {
			writeTotal(env.Stdout, sum, skipped)
		}
		return sum, fmt.Errorf("no returns (%s files) found in %s", ingest.Accepted, strings.Join(paths, ", "))
	}
	kr, err := openKey(env, keyPath)
	if err != nil {
		return sum, err
	}
	st, err := store.Open(env.Ctx, env.DB)
	if err != nil {
		return sum, err
	}
	defer st.Close()
	// Streaming keeps a load's memory flat: cap DuckDB's buffers and ask the
	// Go collector to stay near the same size (unless GOMEMLIMIT says otherwise).
	if err := st.LimitMemory(env.Ctx, 128); err != nil {
		return sum, err
	}
	if os.Getenv("GOMEMLIMIT") == "" {
		defer debug.SetMemoryLimit(debug.SetMemoryLimit(96 << 20))
	}
	opt := qda
	opt.Keyring, opt.User, opt.Choice, opt.Progress = kr, currentUser(), choice, env.rowsProgress()
	out := env.Stdout
	_, err = steps.Load(env.Ctx, st, files, opt, func(r *ingest.Result) {
		env.progressDone()
		sum.add(out, r, show)
	})
	env.progressDone()
	switch {
	case errors.Is(err, context.Canceled) && sum.Files > 0:
		return sum, &stoppedError{err: err, kept: fmt.Sprintf("the file being loaded was not stored, and the %s before it stay as they were loaded", tabular.Plural(sum.Files, "file"))}
	case err != nil:
		return sum, err
	}
	writeTotal(out, sum, skipped)
	return sum, nil
}

// writeTotal ends a run: the files found and not loaded, each with the
// reason, then one line that accounts for every file and every row.
func writeTotal(out io.Writer, sum ingestSummary, skipped []ingest.SkippedFile) {
	for _, f := range skipped {
		fmt.Fprintf(out, "%s: %s\n", f.Path, f.Reason)
	}
	fmt.Fprintf(out, "\n%s read: %s in them = %d loaded + %d quarantined + %d blank skipped",
		tabular.Plural(sum.Files, "file"), tabular.Plural(sum.Rows, "data row"), sum.Loaded, sum.Quarantined, sum.Blank)
	if sum.Already > 0 {
		fmt.Fprintf(out, "; %d already loaded", sum.Already)
	}
	if sum.Refused > 0 {
		fmt.Fprintf(out, "; %d refused", sum.Refused)
	}
	fmt.Fprintf(out, "%s\n", skippedTotal(skipped))
}

// skippedTotal counts the files not loaded by kind, for the end-of-run
// total: "; 2 files skipped (1 .pdf, 1 old .xls); 1 ignored (Excel lock file)".
func skippedTotal(skipped []ingest.SkippedFile) string {
	var order []string
	count := map[string]int{}
	ignored := map[string]bool{}
	nSkip, nIgn := 0, 0
	for _, f := range skipped {
		g := f.Group()
		if count[g] == 0 {
			order = append(order, g)
		}
		count[g]++
		ignored[g] = f.Ignored
		if f.Ignored {
			nIgn++
		} else {
			nSkip++
		}
	}
	list := func(ign bool) string {
		var parts []string
		for _, g := range order {
			if ignored[g] == ign {
				parts = append(parts, fmt.Sprintf("%d %s", count[g], g))
			}
		}
		return strings.Join(parts, ", ")
	}
	var b strings.Builder
	if nSkip > 0 {
		fmt.Fprintf(&b, "; %s skipped (%s)", tabular.Plural(nSkip, "file"), list(false))
	}
	if nIgn > 0 {
		fmt.Fprintf(&b, "; %d ignored (%s)", nIgn, list(true))
	}
	return b.String()
}

func currentUser() string {
	if u, err := user.Current(); err == nil {
		return u.Username
	}
	return ""
}
