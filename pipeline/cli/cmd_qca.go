package cli

import (
	"encoding/json"
	"flag"
	"fmt"
	"os"
	"path/filepath"
	"strconv"
	"strings"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/qca"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// qcaFlags are obs qca's choices.
type qcaFlags struct {
	data, caseCol, outcome, conditions string
	calibrate, necessity               paramList
	inclCut, priCut                    float64
	nCut                               int
	solution, dirExp, logodds, format  string
	save, period                       string
	negate                             bool
	set                                map[string]bool // the flags given
}

func init() {
	register(&Command{
		Name:    "qca",
		Args:    "[NAME [--period 2021-22]] | --data FILE.csv --case COLUMN --outcome NAME --conditions A,B,C",
		Summary: "Qualitative Comparative Analysis: necessity, truth table and the conservative, parsimonious and intermediate solutions (as R's QCA package)",
		Help:    qcaHelp,
		Flags: func(fs *flag.FlagSet, env *Env) func([]string) error {
			f := &qcaFlags{}
			fs.StringVar(&f.data, "data", "", "a CSV with one row per case and a column per condition and outcome: memberships in [0,1] (crisp 0/1 allowed), or raw values with --calibrate")
			fs.StringVar(&f.caseCol, "case", "case", "the column naming each case")
			fs.StringVar(&f.outcome, "outcome", "", "the outcome column")
			fs.StringVar(&f.conditions, "conditions", "", "the condition columns, comma-separated, in the order solutions are written")
			fs.Var(&f.calibrate, "calibrate", "calibrate a raw column first, NAME=EXCLUSION,CROSSOVER,INCLUSION (Ragin's direct method; descending anchors when a low value is membership); repeatable")
			fs.StringVar(&f.logodds, "logodds", "qca", "log-odds at the full anchors of --calibrate: qca (ln 19 = 2.944, as R's QCA::calibrate) or fsqca (3, as fsQCA)")
			fs.Float64Var(&f.inclCut, "incl-cut", 1, "the least consistency (incl) for a configuration's outcome value to be 1")
			fs.Float64Var(&f.priCut, "pri-cut", 0, "the least PRI for an outcome value of 1 (0: no PRI cut)")
			fs.IntVar(&f.nCut, "n-cut", 1, "the least number of cases (membership above 0.5) for a configuration to count as observed; fewer makes it a remainder")
			fs.StringVar(&f.solution, "solution", "all", "conservative, parsimonious, intermediate or all")
			fs.StringVar(&f.dirExp, "dir-exp", "", "directional expectations for the intermediate solution, as QCA's dir.exp: DEV,URB,~IND (a condition expected to contribute present, or absent with ~; conjunctions such as ~LIT*IND allowed)")
			fs.BoolVar(&f.negate, "negate", false, "explain the outcome's absence (~OUTCOME)")
			fs.Var(&f.necessity, "necessity", "also test this expression for necessity, e.g. 'DEV + URB'; repeatable")
			fs.StringVar(&f.format, "format", "text", "text (for a person), csv (one row per term and solution) or json (the whole result)")
			fs.StringVar(&f.period, "period", "", "with an analysis NAME: the reporting year whose areas are the cases, e.g. 2021-22 (default the latest)")
			fs.StringVar(&f.save, "save", "", "also store the result in the database as analysis NAME (tables qca_truth_table, qca_solutions, qca_necessity, qca_settings), replacing an earlier one of that name")
			return func(args []string) error {
				f.set = map[string]bool{}
				fs.Visit(func(fl *flag.Flag) { f.set[fl.Name] = true })
				if f.data == "" {
					return qcaAnalysisCommand(env, f, args)
				}
				if len(args) > 0 {
					return usageErr("obs qca --data takes no analysis name, not %q: give either an analysis NAME (obs qca lists them) or --data FILE.csv", strings.Join(args, " "))
				}
				rep, err := runQCA(f)
				if err != nil {
					return err
				}
				if err := writeQCA(env, rep, f.format); err != nil {
					return err
				}
				if f.save == "" {
					return nil
				}
				return saveQCA(env, f.save, rep)
			}
		},
	})
}

// saveQCA stores a result under name, saying so.
func saveQCA(env *Env, name string, rep *qca.Report) error {
	rep.Settings = append(rep.Settings, qca.Setting{Key: "run_at", Value: time.Now().UTC().Format(time.RFC3339)})
	st, err := store.Open(env.Ctx, env.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	if err := steps.SaveQCA(env.Ctx, st, name, rep); err != nil {
		return err
	}
	fmt.Fprintf(env.Stderr, "obs qca: stored as analysis %q in %s (tables qca_truth_table, qca_solutions, qca_necessity, qca_settings).\n", name, env.DB)
	return nil
}

func qcaHelp() string {
	return `Notation: * is and, ~ is not, + is or; conditions are written in the order
of --conditions. Definitions are those of R's QCA package (Dusa): incl and
PRI of each truth-table row, inclS, PRI, covS and covU of each term and
solution (covU within its model), inclN, RoN and covN for necessity. When
several minimal models explain the outcome equally well, all are listed
(M1, M2, ...). Example, Lipset's fuzzy data as in QCA's documentation:

  obs qca --data LF.csv --case case --outcome SURV --conditions DEV,URB,LIT,IND,STB \
      --incl-cut 0.7 --dir-exp DEV,URB,LIT,IND,STB
`
}

// runQCA reads the data and runs the analysis the flags ask for.
func runQCA(f *qcaFlags) (*qca.Report, error) {
	switch {
	case f.data == "":
		return nil, usageErr("give the data with --data FILE.csv (one row per case, a column per condition and outcome)")
	case f.outcome == "":
		return nil, usageErr("name the outcome column with --outcome NAME")
	case f.conditions == "":
		return nil, usageErr("name the condition columns with --conditions A,B,C")
	}
	lo, opt, err := qcaChoices(f)
	if err != nil {
		return nil, err
	}
	anchors, err := parseCalibrate(f.calibrate)
	if err != nil {
		return nil, err
	}
	data, err := os.ReadFile(f.data)
	if err != nil {
		return nil, fmt.Errorf("cannot read the data %s (check the path given to --data): %w", f.data, err)
	}
	var conds []string
	for _, c := range strings.Split(f.conditions, ",") {
		conds = append(conds, strings.TrimSpace(c))
	}
	st, err := qca.ReadCSV(filepath.Base(f.data), data, qca.CSVOptions{Case: f.caseCol, Outcome: f.outcome, Conditions: conds, Calibrate: anchors, LogOdds: lo})
	if err != nil {
		return nil, err
	}
	if f.negate {
		st = st.Negated()
	}
	if opt.DirExp, err = qca.ParseDirExp(f.dirExp, st.Conditions); err != nil {
		return nil, err
	}
	_, rep, err := qca.Analyse(st, qca.Cuts{Incl: f.inclCut, PRI: f.priCut, N: f.nCut}, opt, f.necessity)
	return rep, err
}

// qcaChoices checks --format and reads --logodds and --solution.
func qcaChoices(f *qcaFlags) (qca.LogOdds, qca.Options, error) {
	opt := qca.Options{}
	if f.format != "text" && f.format != tabular.FormatTable && f.format != tabular.FormatCSV && f.format != tabular.FormatJSON {
		return "", opt, usageErr("--format must be text, csv or json, not %q", f.format)
	}
	lo, err := qca.ParseLogOdds(f.logodds)
	if err != nil {
		return "", opt, usageErr("%v", err)
	}
	switch f.solution {
	case "all", "":
	case qca.Conservative, qca.Parsimonious, qca.Intermediate:
		opt.Solutions = []string{f.solution}
	default:
		return "", opt, usageErr("--solution must be conservative, parsimonious, intermediate or all, not %q", f.solution)
	}
	return lo, opt, nil
}

// parseCalibrate reads --calibrate NAME=E,C,I flags.
func parseCalibrate(flags []string) (map[string]qca.Anchors, error) {
	out := map[string]qca.Anchors{}
	for _, s := range flags {
		name, list, ok := strings.Cut(s, "=")
		parts := strings.Split(list, ",")
		if !ok || strings.TrimSpace(name) == "" || len(parts) != 3 {
			return nil, usageErr("--calibrate %q: write NAME=EXCLUSION,CROSSOVER,INCLUSION, e.g. --calibrate DEV=400,550,900", s)
		}
		var v [3]float64
		for i, p := range parts {
			x, err := strconv.ParseFloat(strings.TrimSpace(p), 64)
			if err != nil {
				return nil, usageErr("--calibrate %q: %q is not a number", s, p)
			}
			v[i] = x
		}
		out[strings.TrimSpace(name)] = qca.Anchors{Exclusion: v[0], Crossover: v[1], Inclusion: v[2]}
	}
	return out, nil
}

func writeQCA(env *Env, rep *qca.Report, format string) error {
	switch format {
	case tabular.FormatJSON:
		b, err := json.MarshalIndent(rep, "", "  ")
		if err != nil {
			return err
		}
		_, err = fmt.Fprintf(env.Stdout, "%s\n", b)
		return err
	case tabular.FormatCSV:
		return tabular.Write(env.Stdout, qcaTermTable(rep), tabular.FormatCSV)
	}
	return writeQCAText(env.Stdout, rep)
}

// qcaTermTable is one row per term and one per solution (term
// "(solution)"), as data.
func qcaTermTable(rep *qca.Report) *tabular.Table {
	t := &tabular.Table{Columns: []string{"solution", "model", "term", "inclS", "PRI", "covS", "covU", "cases"}}
	for _, s := range rep.Solutions {
		for _, tr := range s.Terms {
			t.Rows = append(t.Rows, []any{s.Solution, s.Model, tr.Term, fit(tr.InclS), fit(tr.PRI), fit(tr.CovS), fit(tr.CovU), qca.CasesText(tr.Cases)})
		}
		t.Rows = append(t.Rows, []any{s.Solution, s.Model, "(solution)", fit(s.InclS), fit(s.PRI), fit(s.CovS), nil, ""})
	}
	return t
}

// fit is a fit value for a table: nil where it does not apply.
func fit(n qca.Num) any {
	if f := float64(n); f == f {
		return f
	}
	return nil
}
