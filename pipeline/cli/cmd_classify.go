package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/qca"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

func init() {
	register(&Command{
		Name:    "classify",
		Summary: "leadership model of every area (with its evidence), approaches and focus",
		Flags: func(fs *flag.FlagSet, env *Env) func([]string) error {
			rubric := fs.String("rubric", "", "the rubric, CSV (default queries/defaults/rubric.csv: copy it to change anchors or indicators)")
			codebook := fs.String("codebook", "", "what interview codes and project themes are evidence of, CSV (default queries/defaults/codebook.csv)")
			overrides := fs.String("overrides", "", "labels set by an evaluator, CSV area,period,label,rationale,evaluator (see queries/defaults/overrides.csv)")
			defsDir := fs.String("definitions", "", "a folder of extra definitions (the codebook may name them)")
			margin := fs.Float64("margin", 0.1, "the top two memberships within this margin make a hybrid (when both reach 0.5)")
			draws := fs.Int("draws", 1000, "variations of the rubric drawn to test each label's stability (0 skips them)")
			seed := fs.Uint64("seed", 1, "the seed of those variations (the same seed gives the same shares)")
			key := fs.String("key", privacy.DefaultKeyPath(), "the pseudonym key file, for evaluators' names in --overrides ($OBS_KEY)")
			period := fs.String("period", "", "the period the table shows, e.g. 2021-22 (default: the latest)")
			format := fs.String("format", "table", "table (for a person), csv or json (one row per area and period, as data)")
			logodds := fs.String("logodds", "qca", "the rubric's full anchors at log-odds ln 19 = 2.944 (qca, as R's QCA::calibrate: memberships 0.95 and 0.05) or 3 (fsqca, as fsQCA: 0.953 and 0.047); recorded with the results")
			return func(args []string) error {
				show, defs, err := analysisFlags("classify", args, *format, *period, *defsDir)
				if err != nil {
					return err
				}
				if err := analysis.CheckMargin(*margin); err != nil {
					return usageErr("%v", err)
				}
				lo, err := qca.ParseLogOdds(*logodds)
				if err != nil {
					return usageErr("%v", err)
				}
				opt, err := classifyOptions(*rubric, *codebook, *overrides, *key, defs)
				if err != nil {
					return err
				}
				opt.Margin, opt.LogOdds, opt.Draws, opt.Seed = *margin, lo, *draws, *seed
				res, err := runAnalysis(env, "classify", func(st *store.Store) (*analysis.ClassifyResult, error) {
					m, err := steps.SavedMethod(env.Ctx, st.DB)
					if err != nil || m != nil {
						if err != nil {
							return nil, err
						}
						if err := classifyFromMethod(env, fs, m, defs, &opt, *format == tabular.FormatTable); err != nil {
							return nil, err
						}
					}
					return steps.Classify(env.Ctx, st, defs, opt)
				})
				if err != nil {
					return err
				}
				if *format != tabular.FormatTable {
					return tabular.Write(env.Stdout, classifyData(res), *format)
				}
				return writeClassifyTable(env.Stdout, res, show)
			}
		},
	})
}

func classifyOptions(rubric, codebook, overrides, key string, defs *analysis.Definitions) (analysis.ClassifyOptions, error) {
	if overrides == "" {
		return analysis.ReadClassifyFiles(rubric, codebook, "", defs, nil)
	}
	kr, err := privacy.Open(key)
	if err != nil {
		return analysis.ClassifyOptions{}, err
	}
	opt, err := analysis.ReadClassifyFiles(rubric, codebook, overrides, defs, keepPseudonyms(kr))
	if err != nil {
		return opt, err
	}
	// Remember the evaluators' names, so that excerpts loaded later have them replaced.
	return opt, kr.Save()
}

// keepPseudonyms is the pseudonym of an evaluator's name, or the
// evaluator as written when it is a pseudonym already (an overrides file
// exported by obs method export).
func keepPseudonyms(kr *privacy.Keyring) func(string) string {
	return func(name string) string {
		if privacy.IsPseudonym(strings.TrimSpace(name)) {
			return strings.TrimSpace(name)
		}
		return kr.Pseudonym(name)
	}
}

// classifyData is the classification as data: one row per area and period.
func classifyData(res *analysis.ClassifyResult) *tabular.Table {
	t := &tabular.Table{Columns: []string{"area_id", "area", "period", "label", "computed_label", "override_label",
		"override_rationale", "override_by", "m1", "m2", "m3", "top_model", "margin", "not_hybrid", "stability_share", "stability",
		"approaches", "focus", "evidence"}}
	tags := approachTags(res)
	for i, c := range res.Classifications {
		var top, share any
		if c.Top > 0 {
			top = c.Top
		}
		st := res.Stability[i]
		if st.Draws > 0 {
			share = st.Share
		}
		k := [2]any{c.Area, c.Period}
		t.Rows = append(t.Rows, []any{c.Area, c.Name, schemas.Period(c.Period).String(), c.Label, c.Computed, text(c.OverrideLabel),
			text(c.OverrideReason), text(c.OverrideBy), num(c.M[1]), num(c.M[2]), num(c.M[3]), top, num(c.Margin),
			text(c.NotHybrid), share, st.Summary, text(tags[k][0]), text(tags[k][1]), c.Evidence})
	}
	return t
}

// approachTags lists each area and period's approaches (most evidence first)
// and its focus (the one with more evidence, or both when even).
func approachTags(res *analysis.ClassifyResult) map[[2]any][2]string {
	type tag struct {
		name string
		n    int
	}
	app, foc := map[[2]any][]tag{}, map[[2]any][]tag{}
	for _, a := range res.Approaches {
		k := [2]any{a.Area, a.Period}
		t := tag{a.Tag, a.Codes + a.Projects}
		if a.TagType == analysis.TargetFocus {
			foc[k] = append(foc[k], t)
		} else {
			app[k] = append(app[k], t)
		}
	}
	out := map[[2]any][2]string{}
	for _, c := range res.Classifications {
		k := [2]any{c.Area, c.Period}
		as := app[k]
		for i := 1; i < len(as); i++ {
			for j := i; j > 0 && as[j].n > as[j-1].n; j-- {
				as[j], as[j-1] = as[j-1], as[j]
			}
		}
		var names []string
		for _, a := range as {
			names = append(names, fmt.Sprintf("%s (%d)", a.name, a.n))
		}
		var focus string
		fs := foc[k]
		switch {
		case len(fs) == 1:
			focus = fs[0].name
		case len(fs) == 2 && fs[0].n == fs[1].n:
			focus = "both plan and stepping stone"
		case len(fs) == 2 && fs[0].n > fs[1].n:
			focus = fs[0].name
		case len(fs) == 2:
			focus = fs[1].name
		}
		out[k] = [2]string{strings.Join(names, ", "), focus}
	}
	return out
}

// writeClassifyTable shows, for one period, each area's label and
// memberships, then each label's top evidence, then the codes the codebook
// does not map.
func writeClassifyTable(w io.Writer, res *analysis.ClassifyResult, period int) error {
	period, ok := tableStart(w, "classify", res.Periods, period, res.Info)
	if !ok {
		return nil
	}
	o := res.Options
	fmt.Fprintf(w, "Leadership models, %s (rubric %s; hybrid within %s, both at least 0.5; unclassified below 0.5)\n", schemas.Period(period).String(), o.Rubric.File, tabular.Number(o.Margin))
	fmt.Fprintln(w, schemas.ModelList("m")+": memberships from 0 to 1.")
	fmt.Fprintln(w)
	tags := approachTags(res)
	t := &tabular.Table{Columns: []string{"area", "label", "m1", "m2", "m3", "margin", "holds", "focus", "computed (if overridden)"}}
	var shown []int
	for i, c := range res.Classifications {
		if c.Period != period {
			continue
		}
		shown = append(shown, i)
		computed := any(nil)
		if c.OverrideLabel != "" {
			computed = c.Computed
		}
		holds := any(nil)
		if st := res.Stability[i]; st.Draws > 0 {
			holds = analysis.SharePercent(st.Share)
		}
		t.Rows = append(t.Rows, []any{c.Name, c.Label, figure(c.M[1]), figure(c.M[2]), figure(c.M[3]), figure(c.Margin),
			holds, text(tags[[2]any{c.Area, c.Period}][1]), computed})
	}
	if err := tabular.Write(w, t, tabular.FormatTable); err != nil {
		return err
	}
	fmt.Fprintln(w, "\nEvidence (indicator, its figure, its membership; interview segments coded to the model):")
	for _, i := range shown {
		c := res.Classifications[i]
		fmt.Fprintf(w, "\n%s: %s\n", c.Name, c.Label)
		for _, line := range c.EvidenceLines {
			fmt.Fprintf(w, "  %s\n", line)
		}
		fmt.Fprintf(w, "  stability: %s\n", res.Stability[i].Summary)
		if c.OverrideLabel != "" {
			fmt.Fprintf(w, "  overridden from %s by %s: %s\n", c.Computed, c.OverrideBy, c.OverrideReason)
		}
		if a := tags[[2]any{c.Area, c.Period}][0]; a != "" {
			fmt.Fprintf(w, "  approaches (evidence): %s\n", a)
		}
	}
	if len(res.Unmapped) > 0 {
		var us []string
		for _, u := range res.Unmapped {
			us = append(us, fmt.Sprintf("%s (%d)", u.Code, u.Segments))
		}
		fmt.Fprintf(w, "\nCodes the codebook does not map (add lines for them to a copy of %s): %s\n", o.Codebook.File, strings.Join(us, ", "))
	}
	if o.Draws > 0 {
		fmt.Fprintf(w, "\nholds: the share of %s of the rubric (seed %d) that give the same computed label: each anchor moved by up to\n±%s%% of its indicator's range, the hybrid margin drawn from %s to %s, one indicator left out in turn.\n",
			tabular.Plural(o.Draws, "variation"), o.Seed, tabular.Number(100*analysis.AnchorShift), tabular.Number(analysis.MarginLow), tabular.Number(analysis.MarginHigh))
	}
	fmt.Fprintln(w, "\nEvery period is in the tables classifications, memberships, indicators, approaches and label_stability;\n'obs classify --format csv' writes them as data.")
	return nil
}
