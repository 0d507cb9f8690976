package cli

import (
	"context"
	"fmt"
	"io"
	"os"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

// analysisFlags checks what obs score and obs classify both take (no
// arguments; --format table, csv or json; --period) and loads the
// definitions: the built-in ones and those in the --definitions folder. show
// is the period the table shows (0: the latest).
func analysisFlags(cmd string, args []string, format, period, defsDir string) (show int, defs *analysis.Definitions, err error) {
	if len(args) > 0 {
		return 0, nil, usageErr("obs %s takes no arguments, only flags", cmd)
	}
	if format != tabular.FormatTable && format != tabular.FormatCSV && format != tabular.FormatJSON {
		return 0, nil, usageErr("--format %s: choose table, csv or json", format)
	}
	if show, err = periodFlag(period); err != nil {
		return 0, nil, err
	}
	if defs, err = analysis.LoadDefinitions(analysis.BuiltinDefinitions(), defsDir); err != nil {
		return 0, nil, err
	}
	return show, defs, nil
}

// periodFlag reads --period ("" is the latest).
func periodFlag(s string) (int, error) {
	if s == "" {
		return 0, nil
	}
	p, ok := schemas.ParsePeriod(s)
	if !ok {
		return 0, usageErr("--period %s: give a reporting year such as 2021-22", s)
	}
	return int(p), nil
}

// runAnalysis runs an analysis step (steps.Score or steps.Classify) on the
// database, recorded in the audit table as done by the command line's user
// (asUser); an option the analysis refuses is a usage error.
// Afterwards it notes on stderr results still older than the data (the
// labels after obs score, say).
func runAnalysis[R any](env *Env, command string, run func(*store.Store) (R, error)) (R, error) {
	var res R
	st, err := store.Open(env.Ctx, env.DB)
	if err != nil {
		return res, err
	}
	defer st.Close()
	env.Ctx = asUser(env.Ctx)
	if res, err = run(st); err != nil {
		return res, optionErr(err)
	}
	noteStale(env, command, st.DB)
	return res, nil
}

// tableStart opens the table obs score or obs classify prints for a person:
// the period shown (the latest when none was asked for) and the synthetic
// data notice; false, after saying so, when there are no returns at all.
func tableStart(w io.Writer, verb string, periods []int, period int, info map[string]analysis.AreaInfo) (int, bool) {
	if len(periods) == 0 {
		fmt.Fprintf(w, "No returns yet: nothing to %s. Load returns with 'obs ingest'.\n", verb)
		return 0, false
	}
	if period == 0 {
		period = periods[len(periods)-1]
	}
	if analysis.AnySynthetic(info) {
		fmt.Fprintln(w, "SYNTHETIC DATA: these figures come from sample returns, not from real areas.")
	}
	return period, true
}

// asUser is ctx saying, for the audit table, that the command line's user
// acts: the pseudonym of the user name (the OS account) under the
// pseudonym key ($OBS_KEY or its default place), never the name itself.
// Without a key (nothing was loaded yet on this computer) no pseudonym can
// be made, and the table says so.
func asUser(ctx context.Context) context.Context {
	who := "the command line (no pseudonym key)"
	if p := privacy.DefaultKeyPath(); isFile(p) {
		if kr, err := privacy.Open(p); err == nil {
			who = kr.PseudonymOnly(currentUser())
		}
	}
	return steps.As(ctx, who)
}

func isFile(p string) bool {
	fi, err := os.Stat(p)
	return err == nil && fi.Mode().IsRegular()
}
