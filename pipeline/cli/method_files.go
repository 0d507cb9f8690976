package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strconv"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

// methodTitle says which method it is: a saved version, or the settings in use.
func methodTitle(m *analysis.Method) string {
	if m.Version == 0 {
		return "The method in use (no version saved yet: the settings the results were last made with)"
	}
	return fmt.Sprintf("Method version %d, saved %s by %s: %s", m.Version, when(m), m.SavedBy, m.Note)
}

// showMethod shows a method whole: settings, weights, the rubric's anchors,
// the codebook and the overrides.
func showMethod(w io.Writer, m *analysis.Method, defs *analysis.Definitions) error {
	sopt, copt, err := m.Options(defs)
	if err != nil {
		return err
	}
	fmt.Fprintln(w, methodTitle(m))
	set := &tabular.Table{Columns: []string{"setting", "value"}, Rows: [][]any{
		{"normalisation", sopt.Normalisation}, {"aggregation", sopt.Aggregation}, {"coverage threshold", sopt.Coverage},
		{"seed", strconv.FormatUint(m.Seed, 10)}, {"hybrid margin", copt.Margin}}}
	weights := &tabular.Table{Columns: []string{"definition", "weight"}}
	for _, d := range defs.Defs {
		weights.Rows = append(weights.Rows, []any{d.Name, sopt.Weights.W[d.Name]})
	}
	rubric := &tabular.Table{Columns: []string{"model", "indicator", "expression", "full_non_membership", "crossover", "full_membership"}}
	for _, in := range copt.Rubric.Indicators {
		rubric.Rows = append(rubric.Rows, []any{in.Model, in.Name, in.Expression, in.Non, in.Cross, in.Full})
	}
	codebook := &tabular.Table{Columns: []string{"code", "applies to", "evidence of"}}
	for _, r := range copt.Codebook.Rules {
		applies := "interview codes"
		if r.Theme {
			applies = "project themes"
		}
		codebook.Rows = append(codebook.Rows, []any{r.Pattern, applies, r.TargetType + " " + r.Target})
	}
	overrides := &tabular.Table{Columns: []string{"area", "period", "label", "rationale", "by"}}
	if copt.Overrides != nil {
		for _, o := range copt.Overrides.List {
			p := "every period"
			if o.Period != 0 {
				p = schemas.Period(o.Period).String()
			}
			overrides.Rows = append(overrides.Rows, []any{o.Area, p, o.Label, o.Rationale, o.By})
		}
	}
	for _, s := range []struct {
		head string
		t    *tabular.Table
	}{{"Settings", set}, {"Weights of the definitions in the composite (weights.csv)", weights},
		{"Rubric: the anchors of each indicator (rubric.csv)", rubric}, {"Codebook: what codes and themes are evidence of (codebook.csv)", codebook},
		{"Overrides: labels set by an evaluator (overrides.csv)", overrides}} {
		if err := writeHeaded(w, s.head, s.t); err != nil {
			return err
		}
	}
	if sopt.Goalposts != nil {
		fmt.Fprintln(w, "\nFixed goalposts: goalposts.csv ('obs method export' writes it).")
	}
	return nil
}

// exportMethod writes m's files to dir and says the obs score and obs
// classify lines that make the results with them.
func exportMethod(w io.Writer, m *analysis.Method, dir string) error {
	if dir == "" {
		return usageErr("obs method export needs --out DIR: the folder to write the files to")
	}
	names, err := m.ExportNames()
	if err != nil {
		return err
	}
	for _, name := range names {
		p := filepath.Join(dir, filepath.FromSlash(name))
		if err := os.MkdirAll(filepath.Dir(p), 0o755); err != nil {
			return err
		}
		if err := os.WriteFile(p, m.Files[name], 0o644); err != nil {
			return err
		}
	}
	what := fmt.Sprintf("version %d of the method", m.Version)
	if m.Version == 0 {
		what = "the method in use (no version saved yet)"
	}
	fmt.Fprintf(w, "Wrote %s to %s: %s.\n", what, dir, strings.Join(names, ", "))
	fmt.Fprintln(w, "These commands make the same scores, ranks and labels from these files (the Monte Carlo draws and the sensitivity samples take the commands' defaults):")
	score, classify := m.Commands(dir)
	fmt.Fprintf(w, "  %s\n  %s\n", score, classify)
	return nil
}

// savedBy is who saves a version: --by, else the account, as a pseudonym.
func savedBy(env *Env, f *methodFlags) (string, func(string) string, func() error, error) {
	kr, err := openKey(env, *f.key)
	if err != nil {
		return "", nil, nil, err
	}
	if *f.by != "" {
		return kr.Pseudonym(*f.by), keepPseudonyms(kr), kr.Save, nil
	}
	return kr.PseudonymOnly(currentUser()), keepPseudonyms(kr), kr.Save, nil
}

// saveVersion opens the key and the database and saves the version made
// from the current method by save (which returns its number and what it
// is), then says what changed since and what to do next.
func saveVersion(env *Env, f *methodFlags, save func(st *store.Store, cur *analysis.Method, by string, pseudonym func(string) string) (int, string, error)) error {
	by, pseudonym, saveKey, err := savedBy(env, f)
	if err != nil {
		return err
	}
	st, err := store.Open(env.Ctx, env.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	cur, err := steps.CurrentMethod(env.Ctx, st.DB)
	if err != nil {
		return err
	}
	v, what, err := save(st, cur, by, pseudonym)
	if err != nil {
		return optionErr(err)
	}
	if err := saveKey(); err != nil {
		return err
	}
	m, err := steps.MethodVersion(env.Ctx, st.DB, v)
	if err != nil {
		return err
	}
	defs, err := analysis.LoadDefinitions(analysis.BuiltinDefinitions(), "")
	if err != nil {
		return err
	}
	fmt.Fprintf(env.Stdout, "Saved version %d of the method: %s.\n", v, what)
	if cur.Version == 0 && v == 2 {
		fmt.Fprintln(env.Stdout, "Version 1 keeps the settings in use before it: 'obs method restore 1' brings them back.")
	}
	writeChanges(env.Stdout, cur, analysis.CompareMethods(cur, m, defs))
	fmt.Fprintln(env.Stdout, "The results are as they were: run obs score and obs classify (or obs build) to remake them with it.")
	return nil
}

// methodSave saves the latest version (or the settings in use) with the
// files and settings given as a new version.
func methodSave(env *Env, f *methodFlags) error {
	defs, err := analysis.LoadDefinitions(analysis.BuiltinDefinitions(), "")
	if err != nil {
		return err
	}
	return saveVersion(env, f, func(st *store.Store, cur *analysis.Method, by string, pseudonym func(string) string) (int, string, error) {
		m := cur.Clone()
		if err := setGiven(f, m, defs, pseudonym); err != nil {
			return 0, "", err
		}
		if cur.Version > 0 && len(analysis.CompareMethods(cur, m, defs)) == 0 {
			return 0, "", usageErr("nothing to save: the files and settings given are those of version %d. Give what changes, such as --weights FILE or --normalisation rank", cur.Version)
		}
		m.SavedBy, m.Note = by, *f.note
		v, err := steps.SaveMethod(env.Ctx, st, m)
		return v, m.Note, err
	})
}

// setGiven puts into m the files and settings given as flags.
func setGiven(f *methodFlags, m *analysis.Method, defs *analysis.Definitions, pseudonym func(string) string) error {
	given := map[string]bool{}
	f.fs.Visit(func(fl *flag.Flag) { given[fl.Name] = true })
	for _, file := range []struct {
		flag, name string
		path       *string
	}{{"weights", analysis.WeightsFile, f.weights}, {"rubric", analysis.RubricFile, f.rubric}, {"codebook", analysis.CodebookFile, f.codebook},
		{"overrides", analysis.OverridesFile, f.overrides}, {"goalposts", analysis.GoalpostsFile, f.goalposts}} {
		if given[file.flag] {
			if err := m.ReadFile(file.name, *file.path, defs, pseudonym); err != nil {
				return err
			}
		}
	}
	if given["normalisation"] {
		m.Normalisation = *f.normalisation
	}
	if given["aggregation"] {
		m.Aggregation = *f.aggregation
	}
	if given["coverage"] {
		m.Coverage = *f.coverage
	}
	if given["margin"] {
		m.Margin = *f.margin
	}
	if given["seed"] {
		m.Seed = *f.seed
	}
	return nil
}

// writeChanges lists what changed since was, a line each.
func writeChanges(w io.Writer, was *analysis.Method, changes []analysis.MethodChange) {
	if len(changes) == 0 {
		return
	}
	since := fmt.Sprintf("version %d", was.Version)
	if was.Version == 0 {
		since = "the settings in use"
	}
	fmt.Fprintf(w, "Changed since %s:\n", since)
	for _, c := range changes {
		fmt.Fprintf(w, "  %s: %s -> %s\n", c.Setting, noneIfEmpty(c.Was), noneIfEmpty(c.Now))
	}
}

func noneIfEmpty(s string) string {
	if s == "" {
		return "(none)"
	}
	return s
}

// optionErr makes a setting obs does not know a usage error.
func optionErr(err error) error {
	if errors.Is(err, analysis.ErrOption) {
		return usageErr("%v", err)
	}
	return err
}

// methodRestore saves a copy of version v as a new version.
func methodRestore(env *Env, f *methodFlags, v int) error {
	return saveVersion(env, f, func(st *store.Store, _ *analysis.Method, by string, _ func(string) string) (int, string, error) {
		n, err := steps.RestoreMethod(env.Ctx, st, v, by)
		return n, fmt.Sprintf("a copy of version %d", v), err
	})
}
