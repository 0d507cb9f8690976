package cli

import (
	"flag"
	"fmt"
	"io"
	"math"
	"sort"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

func init() {
	register(&Command{
		Name:    "score",
		Summary: "resident-led scores: every definition and resident definition, composite, agreement, uncertainty, sensitivity",
		Flags: func(fs *flag.FlagSet, env *Env) func([]string) error {
			defsDir := fs.String("definitions", "", "a folder of extra definitions (.sql); one named like a built-in one replaces it")
			weights := fs.String("weights", "", "weights of the definitions in the composite, CSV definition,weight (default: equal, queries/defaults/weights.csv)")
			norm := fs.String("normalisation", analysis.MinMax, "what the composite averages: minmax, z, rank, percentile (within each period) or goalposts (fixed bounds, comparable over time)")
			goalposts := fs.String("goalposts", "", "fixed bounds of the goalposts normalisation, CSV definition,lower,upper (default: each definition's lowest and highest value over all periods)")
			agg := fs.String("aggregation", analysis.Arithmetic, "arithmetic or geometric mean")
			coverage := fs.Float64("coverage", 0.5, "the composite is missing when an area's definitions carry less than this share of the weight")
			seed := fs.Uint64("seed", 1, "seed of the Monte Carlo (the same seed gives the same intervals)")
			draws := fs.Int("draws", 1000, "Monte Carlo draws (0 skips the uncertainty)")
			samples := fs.Int("samples", 1000, "samples of the choices behind the sensitivity indices (0 skips them)")
			sens := fs.Bool("sensitivity", false, "show which choice moves the ranking most (Sobol indices); with --format csv, the indices as data")
			resident := fs.String("resident", "R1", "resident definition of the table and the reference rank: R1, R2 or R3")
			period := fs.String("period", "", "the period the table shows, e.g. 2021-22 (default: the latest)")
			format := fs.String("format", "table", "table (for a person), csv or json (every score, as data)")
			return func(args []string) error {
				show, defs, err := analysisFlags("score", args, *format, *period, *defsDir)
				if err != nil {
					return err
				}
				src, err := analysis.ReadSource(*weights, "weights.csv")
				if err != nil {
					return err
				}
				w, err := analysis.ReadWeights(src.Name, src.Data, defs)
				if err != nil {
					return err
				}
				var gp *analysis.GoalpostBounds
				if *goalposts != "" {
					src, err := analysis.ReadSource(*goalposts, "")
					if err != nil {
						return err
					}
					if gp, err = analysis.ReadGoalposts(src.Name, src.Data, defs); err != nil {
						return err
					}
				}
				opt := analysis.ScoreOptions{Normalisation: *norm, Goalposts: gp, Aggregation: *agg, Weights: w, Coverage: *coverage,
					Seed: *seed, Draws: *draws, Samples: *samples, ResidentDef: strings.ToUpper(*resident)}
				res, err := runAnalysis(env, "score", func(st *store.Store) (*analysis.ScoreResult, error) {
					m, err := steps.SavedMethod(env.Ctx, st.DB)
					if err != nil || m != nil {
						if err != nil {
							return nil, err
						}
						if err := scoreFromMethod(env, fs, m, defs, &opt, *format == tabular.FormatTable); err != nil {
							return nil, err
						}
					}
					return steps.Score(env.Ctx, st, defs, opt)
				})
				if err != nil {
					return err
				}
				switch {
				case *sens && *format != tabular.FormatTable:
					return tabular.Write(env.Stdout, sensitivityData(res), *format)
				case *sens:
					return writeSensitivity(env.Stdout, res, show)
				case *format != tabular.FormatTable:
					return tabular.Write(env.Stdout, scoreData(res), *format)
				}
				return writeScoreTable(env.Stdout, res, show)
			}
		},
	})
}

// scoreData is every score as data: one row per area, period, definition and
// resident definition.
func scoreData(res *analysis.ScoreResult) *tabular.Table {
	t := &tabular.Table{Columns: []string{"area_id", "area", "period", "definition", "resident_def", "value", "unit", "base",
		"base_label", "missing_reason", "normalisation", "normalised", "rank", "n_areas", "coverage", "note"}}
	norm := res.Options.Normalisation
	for _, r := range res.Scores {
		var cov any
		if r.Definition == analysis.Composite {
			cov = num(r.Coverage)
		}
		t.Rows = append(t.Rows, []any{r.Area, res.Info[r.Area].Name, schemas.Period(r.Period).String(), r.Definition, r.ResidentDef,
			num(r.Value), r.Unit, num(r.Base), r.BaseLabel, text(r.Reason), norm, num(r.Normalised(norm)), integer(r.Rank),
			r.N, cov, text(r.Note)})
	}
	return t
}

func num(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

// fixed shows v with d decimals for a person (NULL stays NULL).
// figure is v for a table cell, which writes it as tabular.Number does;
// nil (shown as missing) when v is not a number.
func figure(v float64) any {
	if math.IsNaN(v) || math.IsInf(v, 0) {
		return nil
	}
	return v
}

func integer(v float64) any {
	if math.IsNaN(v) {
		return nil
	}
	return int64(v)
}

func text(s string) any {
	if s == "" {
		return nil
	}
	return s
}

// writeScoreTable shows, for one period, each area's composite, its rank and
// interval, its composite rank under the other resident definitions, and its
// rank under each definition.
func writeScoreTable(w io.Writer, res *analysis.ScoreResult, period int) error {
	o := res.Options
	period, ok := tableStart(w, "score", res.Periods, period, res.Info)
	if !ok {
		return nil
	}
	rd := o.ResidentDef
	fmt.Fprintf(w, "Resident-led scores, %s: residents %s (%s)\n", schemas.Period(period).String(), rd, schemas.ResidentDefByID(rd).Name)
	fmt.Fprintf(w, "Composite \"all\": %s, %s; weights %s; missing below %s of the weight.\n\n",
		o.Normalisation, o.Aggregation, weightsText(res), tabular.Percent(o.Coverage))
	type key struct{ area, def, rd string }
	rows := map[key]analysis.ScoreRow{}
	for _, r := range res.Scores {
		if r.Period == period {
			rows[key{r.Area, r.Definition, r.ResidentDef}] = r
		}
	}
	unc := map[string]analysis.UncertaintyRow{}
	for _, u := range res.Uncertainty {
		if u.Period == period {
			unc[u.Area] = u
		}
	}
	defs := res.Defs.Defs
	heads := []string{"area", "all", "rank", "5-95%", "R2", "R3"}
	if rd != "R1" {
		heads[4], heads[5] = otherRDs(rd)[0], otherRDs(rd)[1]
	}
	short := make([]string, len(defs))
	for i, d := range defs {
		short[i] = d.Short
		heads = append(heads, short[i])
	}
	t := &tabular.Table{Columns: heads}
	areas := append([]string{}, res.Areas...)
	sort.SliceStable(areas, func(i, j int) bool {
		a, b := rows[key{areas[i], analysis.Composite, rd}].Rank, rows[key{areas[j], analysis.Composite, rd}].Rank
		switch {
		case math.IsNaN(a):
			return false
		case math.IsNaN(b):
			return true
		}
		return a < b
	})
	var noComposite []string
	notRanked := 0
	for _, a := range areas {
		c := rows[key{a, analysis.Composite, rd}]
		name := res.Info[a].Name
		if name == "" {
			name = a
		}
		line := []any{name, figure(c.Value), integer(c.Rank), nil}
		if u, ok := unc[a]; ok {
			iv := fmt.Sprintf("%s-%s", rankText(u.P05), rankText(u.P95))
			if !u.Ranked {
				iv += " *"
				notRanked++
			}
			line[3] = iv
		}
		if math.IsNaN(c.Value) {
			noComposite = append(noComposite, fmt.Sprintf("%s: %s", name, c.Reason))
		}
		for _, other := range otherRDs(rd) {
			line = append(line, integer(rows[key{a, analysis.Composite, other}].Rank))
		}
		for _, d := range defs {
			r := rd
			if !d.ResidentDef {
				r = "-"
			}
			line = append(line, integer(rows[key{a, d.Name, r}].Rank))
		}
		t.Rows = append(t.Rows, line)
	}
	if err := tabular.Write(w, t, tabular.FormatTable); err != nil {
		return err
	}
	fmt.Fprintln(w)
	legend := func(head, text string) { fmt.Fprintf(w, "  %-8s %s\n", head, text) }
	legend("all", "the composite: "+defsUnit(res))
	legend("rank", "1 is the most resident-led")
	legend("5-95%", fmt.Sprintf("the rank's interval over %d draws of weights, normalisation, aggregation", o.Draws))
	legend("", fmt.Sprintf("and resident definition (seed %d)", o.Seed))
	legend(strings.Join(otherRDs(rd), " "), "the composite's rank under those resident definitions")
	fmt.Fprintln(w, "Rank under each definition:")
	for i, d := range defs {
		dep := ""
		if d.ResidentDef {
			dep = ", residents " + rd
		}
		legend(short[i], fmt.Sprintf("%s (%s%s)", d.Label, d.Unit, dep))
	}
	if notRanked > 0 {
		n := 0
		for _, u := range unc {
			n = u.N
		}
		fmt.Fprintf(w, "\n* not ranked (%d of %d areas): the 5-95%% interval spans half the table or more; its rank depends on\n  choices an evaluator could defensibly make the other way.\n", notRanked, n)
	}
	if len(noComposite) > 0 {
		fmt.Fprintf(w, "\nNo composite:\n  %s\n", strings.Join(noComposite, "\n  "))
	}
	writeAgreement(w, res, period, rd)
	fmt.Fprintf(w, "\nEvery score (all periods, definitions, resident definitions and normalisations) is in the table scores;\n'obs score --format csv' writes them as data.\n")
	return nil
}

func otherRDs(rd string) []string {
	var out []string
	for _, r := range analysis.ResidentDefs {
		if r != rd {
			out = append(out, r)
		}
	}
	return out
}

func rankText(v float64) string {
	if math.IsNaN(v) {
		return "?"
	}
	return tabular.Number(v)
}

func weightsText(res *analysis.ScoreResult) string {
	equal := true
	for _, d := range res.Defs.Defs {
		if res.Options.Weights.W[d.Name] != 1 {
			equal = false
		}
	}
	if equal {
		return "equal"
	}
	return "from " + res.Options.Weights.File
}

func defsUnit(res *analysis.ScoreResult) string {
	for _, r := range res.Scores {
		if r.Definition == analysis.Composite {
			return r.Unit
		}
	}
	return ""
}

// writeAgreement says which definitions rank the areas most and least
// alike, whether all of them together agree (Kendall's W), and which
// agreements are distinguishable from chance with this many areas.
func writeAgreement(w io.Writer, res *analysis.ScoreResult, period int, rd string) {
	var ag []analysis.AgreementRow
	for _, a := range res.Agreement {
		if a.Period == period && a.ResidentDef == rd && a.A != analysis.Composite && a.B != analysis.Composite && !math.IsNaN(a.Tau) {
			ag = append(ag, a)
		}
	}
	if len(ag) == 0 {
		return
	}
	sort.SliceStable(ag, func(i, j int) bool { return ag[i].Tau > ag[j].Tau })
	show := func(a analysis.AgreementRow) string {
		return fmt.Sprintf("%s and %s %s (%d areas; %s)", a.A, a.B, tabular.Number(a.Tau), a.N, tauReading(a.Test))
	}
	mean := 0.0
	var beyond []string
	for _, a := range ag {
		mean += a.Tau
		if a.Test.P < analysis.Chance {
			beyond = append(beyond, fmt.Sprintf("%s-%s %s", a.A, a.B, tabular.Number(a.Tau)))
		}
	}
	mean /= float64(len(ag))
	fmt.Fprintf(w, "\nHow much the definition matters (Kendall's tau between rankings, 1 same order, %s1 reversed; mean %s):\n", tabular.Minus, tabular.Number(mean))
	fmt.Fprintf(w, "  most alike:  %s\n  least alike: %s\n", show(ag[0]), show(ag[len(ag)-1]))
	for _, c := range res.Concordance {
		if c.Period == period && c.ResidentDef == rd && !math.IsNaN(c.W) {
			verdict := "not distinguishable from chance"
			if c.P < analysis.Chance {
				verdict = "beyond chance"
			}
			fmt.Fprintf(w, "  all together: Kendall's W %s over %d definitions and the %d areas with every one (p %s: %s)\n",
				tabular.Number(c.W), c.Definitions, c.N, tabular.Number(c.P), verdict)
		}
	}
	fmt.Fprintf(w, "  %d of %d pairs agree or disagree beyond chance (p < %s)", len(beyond), len(ag), tabular.Number(analysis.Chance))
	if len(beyond) > 0 {
		fmt.Fprintf(w, ": %s", strings.Join(beyond, ", "))
	}
	fmt.Fprintf(w, ";\n  the others are not distinguishable from chance with %d areas. P-values and 95%% intervals are in the table agreement.\n", ag[0].N)
}

// tauReading is a tau's interval and p-value for a person.
func tauReading(t analysis.TauTest) string {
	method := "exact"
	if !t.Exact {
		method = "normal approximation"
	}
	s := fmt.Sprintf("p %s, %s", tabular.Number(t.P), method)
	if !math.IsNaN(t.Low) {
		s = fmt.Sprintf("95%% interval %s to %s, ", tabular.Number(t.Low), tabular.Number(t.High)) + s
	}
	return s
}
