package cli

import (
	"fmt"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/qca"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

// qcaAnalysisCommand is obs qca NAME: one of the analyses of queries/qca
// run on the areas of a period, printed and stored under its name; with no
// name it lists them.
func qcaAnalysisCommand(env *Env, f *qcaFlags, args []string) error {
	analyses, err := qca.Analyses()
	if err != nil {
		return err
	}
	if len(args) == 0 {
		for _, name := range []string{"outcome", "conditions", "calibrate"} {
			if f.set[name] {
				return usageErr("--%s goes with --data FILE.csv; to run an analysis of obs's own data, give its NAME (obs qca lists them)", name)
			}
		}
		return listQCAAnalyses(env, analyses)
	}
	if len(args) > 1 {
		return usageErr("obs qca runs one analysis at a time, not %q", strings.Join(args, " "))
	}
	a := qca.ByName(analyses, args[0])
	if a == nil {
		return usageErr("there is no QCA analysis %q; 'obs qca' lists them (they are the files of queries/qca)", args[0])
	}
	for _, name := range []string{"outcome", "conditions", "calibrate", "case", "save"} {
		if f.set[name] {
			return usageErr("--%s does not go with an analysis NAME: the analysis's header says its columns, and it is stored under its own name", name)
		}
	}
	ro, err := qcaRunOptions(f, a)
	if err != nil {
		return err
	}
	st, err := store.OpenReadOnly(env.Ctx, env.DB)
	if err != nil {
		return err
	}
	var synthetic bool
	run, err := qca.RunAnalysis(env.Ctx, st.DB, a, ro)
	if err == nil {
		err = st.DB.QueryRowContext(env.Ctx, statusSyntheticSQL).Scan(&synthetic)
	}
	st.Close()
	if err != nil {
		return err
	}
	if synthetic {
		// As data, the notice goes to the messages, keeping the CSV plain.
		to := env.Stderr
		if f.format == "text" {
			to = env.Stdout
		}
		fmt.Fprintln(to, "SYNTHETIC DATA: these figures come from sample returns, not from real areas.")
	}
	if f.format == "text" {
		fmt.Fprintf(env.Stdout, "%s, %s: %s.\n", a.Name, run.Period, a.Label)
	}
	if synthetic {
		run.Report.Settings = append(run.Report.Settings, qca.Setting{Key: "synthetic", Value: "true: the figures come from synthetic sample returns, not from real areas"})
	}
	if err := writeQCA(env, run.Report, f.format); err != nil {
		return err
	}
	return saveQCA(env, a.Name, run.Report)
}

// qcaRunOptions are the flags' choices for an analysis: the header's cuts
// and expectations unless the flags are given.
func qcaRunOptions(f *qcaFlags, a *qca.Analysis) (qca.RunOptions, error) {
	lo, opt, err := qcaChoices(f)
	if err != nil {
		return qca.RunOptions{}, err
	}
	ro := qca.RunOptions{LogOdds: lo, Solutions: opt.Solutions, Negate: f.negate, Necessity: f.necessity}
	if f.period != "" {
		p, ok := schemas.ParsePeriod(f.period)
		if !ok {
			return ro, usageErr("--period %q is not a reporting year; write it as 2021-22", f.period)
		}
		ro.Period = p
	}
	cuts := a.Cuts
	if f.set["incl-cut"] {
		cuts.Incl = f.inclCut
	}
	if f.set["pri-cut"] {
		cuts.PRI = f.priCut
	}
	if f.set["n-cut"] {
		cuts.N = f.nCut
	}
	ro.Cuts = &cuts
	if f.set["dir-exp"] {
		ro.DirExp = &f.dirExp
	}
	return ro, nil
}

// listQCAAnalyses says which analyses there are and what each asks.
func listQCAAnalyses(env *Env, analyses []*qca.Analysis) error {
	t := &tabular.Table{Columns: []string{"analysis", "outcome", "conditions", "question"}}
	for _, a := range analyses {
		t.Rows = append(t.Rows, []any{a.Name, a.Outcome, strings.Join(a.Conditions(), ", "), a.Label})
	}
	fmt.Fprintln(env.Stdout, "QCA analyses of obs's own data (queries/qca); run one with obs qca NAME [--period 2021-22]:")
	if err := tabular.Write(env.Stdout, t, tabular.FormatTable); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "Each file's header says how its columns are calibrated and why. For a CSV set table of your own: obs qca --data FILE.csv --outcome NAME --conditions A,B,C.")
	return nil
}
