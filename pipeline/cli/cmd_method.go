package cli

import (
	"flag"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// methodFlags are obs method's flags: --out for export; --note, --by,
// --key and the settings of obs score and obs classify for save.
type methodFlags struct {
	fs                                              *flag.FlagSet
	out, format, note, by, key                      *string
	weights, rubric, codebook, overrides, goalposts *string
	normalisation, aggregation                      *string
	coverage, margin                                *float64
	seed                                            *uint64
}

func init() {
	register(&Command{
		Name: "method", Args: "[show [N] | diff N M | export [N] | save | restore N]",
		Summary: "saved versions of the settings and files score and classify use: list, show, diff, export, save, restore",
		Help: func() string {
			return "obs score and obs classify (and obs build, and the browser) take their settings and files from the latest\n" +
				"saved version of the method; a flag given to obs score or obs classify wins over it. Versions are never\n" +
				"changed or deleted.\n\n" +
				"  obs method                      the versions: number, when, who (a pseudonym), what changed\n" +
				"  obs method show [N]             version N (default: the latest) in full\n" +
				"  obs method diff N M             what changed from version N to M, a line a setting\n" +
				"  obs method export [N] --out DIR writes its files and the obs score and obs classify lines that use them\n" +
				"  obs method save --weights F ... --note TEXT\n" +
				"                                  saves a new version: the latest with the files and settings given\n" +
				"  obs method restore N            saves a copy of version N as a new version\n\n" +
				"Saving or restoring does not remake the results: run obs score and obs classify (or obs build) after.\n"
		},
		Flags: func(fs *flag.FlagSet, env *Env) func([]string) error {
			f := &methodFlags{fs: fs}
			f.out = fs.String("out", "", "export: the folder to write the version's files to")
			f.format = fs.String("format", "table", "the list and diff as table (for a person), csv or json")
			f.note = fs.String("note", "", "save: what changed and why (default: the list of what changed)")
			f.by = fs.String("by", "", "save, restore: who saves it, stored only as a pseudonym (default: your account)")
			f.key = fs.String("key", privacy.DefaultKeyPath(), "the pseudonym key file, for --by and the evaluators in --overrides ($OBS_KEY)")
			f.weights = fs.String("weights", "", "save: the weights file, CSV definition,weight")
			f.rubric = fs.String("rubric", "", "save: the rubric, CSV (with the .sql files it names)")
			f.codebook = fs.String("codebook", "", "save: the codebook mapping, CSV")
			f.overrides = fs.String("overrides", "", "save: the overrides, CSV area,period,label,rationale,evaluator")
			f.goalposts = fs.String("goalposts", "", "save: fixed goalposts, CSV definition,lower,upper")
			f.normalisation = fs.String("normalisation", "", "save: minmax, z, rank, percentile or goalposts")
			f.aggregation = fs.String("aggregation", "", "save: arithmetic or geometric")
			f.coverage = fs.Float64("coverage", 0, "save: the composite's coverage threshold, 0 to 1")
			f.margin = fs.Float64("margin", 0, "save: the hybrid margin, 0 to 1")
			f.seed = fs.Uint64("seed", 0, "save: the seed of the Monte Carlo and the labels' stability draws")
			return func(args []string) error { return runMethod(env, f, args) }
		},
	})
}

func runMethod(env *Env, f *methodFlags, args []string) error {
	if *f.format != tabular.FormatTable && *f.format != tabular.FormatCSV && *f.format != tabular.FormatJSON {
		return usageErr("--format %s: choose table, csv or json", *f.format)
	}
	verb := "list"
	if len(args) > 0 {
		verb, args = args[0], args[1:]
	}
	nums, err := versionArgs(verb, args)
	if err != nil {
		return err
	}
	switch verb {
	case "save":
		return methodSave(env, f)
	case "restore":
		return methodRestore(env, f, nums[0])
	}
	st, err := store.OpenReadOnly(env.Ctx, env.DB)
	if err != nil {
		return err
	}
	defer st.Close()
	defs, err := analysis.LoadDefinitions(analysis.BuiltinDefinitions(), "")
	if err != nil {
		return err
	}
	switch verb {
	case "list":
		return methodList(env, st, *f.format)
	case "show":
		m, err := methodAt(env, st, nums)
		if err != nil {
			return err
		}
		return showMethod(env.Stdout, m, defs)
	case "diff":
		return methodDiff(env, st, defs, nums[0], nums[1], *f.format)
	}
	m, err := methodAt(env, st, nums)
	if err != nil {
		return err
	}
	return exportMethod(env.Stdout, m, *f.out)
}

// versionArgs checks the words after obs method VERB and reads the
// version numbers among them.
func versionArgs(verb string, args []string) ([]int, error) {
	want := map[string][2]int{"list": {0, 0}, "show": {0, 1}, "export": {0, 1}, "diff": {2, 2}, "save": {0, 0}, "restore": {1, 1}}
	n, ok := want[verb]
	if !ok {
		return nil, usageErr("obs method %s: there is no such part; use show, diff, export, save or restore (or nothing, for the list)", verb)
	}
	if len(args) < n[0] || len(args) > n[1] {
		usage := map[string]string{"list": "obs method", "show": "obs method show [N]", "export": "obs method export [N] --out DIR",
			"diff": "obs method diff N M", "save": "obs method save --weights FILE ... --note TEXT", "restore": "obs method restore N"}[verb]
		return nil, usageErr("write %s (N: a version's number, as 'obs method' lists them)", usage)
	}
	var nums []int
	for _, a := range args {
		v, err := strconv.Atoi(a)
		if err != nil || v < 1 {
			return nil, usageErr("obs method %s %s: give a version's number, such as 2, as 'obs method' lists them", verb, a)
		}
		nums = append(nums, v)
	}
	return nums, nil
}

// methodAt is the version asked for, else the current method.
func methodAt(env *Env, st *store.Store, nums []int) (*analysis.Method, error) {
	if len(nums) == 0 {
		return steps.CurrentMethod(env.Ctx, st.DB)
	}
	return steps.MethodVersion(env.Ctx, st.DB, nums[0])
}

// when is a version's time for a person.
func when(m *analysis.Method) string { return m.SavedAt.UTC().Format("2006-01-02 15:04 UTC") }

func methodList(env *Env, st *store.Store, format string) error {
	ms, err := steps.MethodVersions(env.Ctx, st.DB)
	if err != nil {
		return err
	}
	t := &tabular.Table{Columns: []string{"version", "saved", "by", "note"}}
	for _, m := range ms {
		t.Rows = append(t.Rows, []any{m.Version, when(m), m.SavedBy, m.Note})
	}
	if format != tabular.FormatTable {
		return tabular.Write(env.Stdout, t, format)
	}
	if len(ms) == 0 {
		fmt.Fprintln(env.Stdout, "No version of the method is saved yet: the results follow the settings they were last made with\n"+
			"('obs method show' shows them). 'obs method save --note TEXT' saves them as version 1; the browser's Method page saves too.")
		return nil
	}
	fmt.Fprintf(env.Stdout, "Saved versions of the method, newest first. obs score, obs classify and obs build use version %d.\n", ms[0].Version)
	if err := writeResultsMethod(env, st, ms[0].Version); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout)
	if err := tabular.Write(env.Stdout, t, tabular.FormatTable); err != nil {
		return err
	}
	fmt.Fprintln(env.Stdout, "\n'obs method show N' shows one; 'obs method diff N M' compares two; 'obs method restore N' brings one back.")
	return nil
}

func methodDiff(env *Env, st *store.Store, defs *analysis.Definitions, a, b int, format string) error {
	ma, err := steps.MethodVersion(env.Ctx, st.DB, a)
	if err != nil {
		return err
	}
	mb, err := steps.MethodVersion(env.Ctx, st.DB, b)
	if err != nil {
		return err
	}
	t := &tabular.Table{Columns: []string{"setting", "was", "now"}}
	for _, c := range analysis.CompareMethods(ma, mb, defs) {
		t.Rows = append(t.Rows, []any{c.Setting, text(c.Was), text(c.Now)})
	}
	if format != tabular.FormatTable {
		return tabular.Write(env.Stdout, t, format)
	}
	fmt.Fprintf(env.Stdout, "From version %d (%s, %s: %s)\nto version %d (%s, %s: %s):\n", a, when(ma), ma.SavedBy, ma.Note, b, when(mb), mb.SavedBy, mb.Note)
	if len(t.Rows) == 0 {
		fmt.Fprintln(env.Stdout, "  nothing changed: the two versions are the same.")
		return nil
	}
	fmt.Fprintln(env.Stdout)
	return tabular.Write(env.Stdout, t, tabular.FormatTable)
}

// writeResultsMethod says which version the scores and the labels were
// made with when it is not the latest.
func writeResultsMethod(env *Env, st *store.Store, latest int) error {
	s, err := steps.ReadState(env.Ctx, st.DB)
	if err != nil {
		return err
	}
	var older []string
	for _, r := range []struct{ what, at, with string }{{"scores", s.ScoredAt, s.ScoreMethod}, {"labels", s.LabelledAt, s.LabelMethod}} {
		var v int
		fmt.Sscanf(r.with, "version %d ", &v)
		switch {
		case r.at == "":
		case v == latest && strings.Contains(r.with, "from the command line"):
			older = append(older, fmt.Sprintf("the %s were made with flags in place of some of its settings (%s)", r.what, r.with))
		case v == latest:
		case v == 0:
			older = append(older, "the "+r.what+" were made before it (with no saved version)")
		default:
			older = append(older, fmt.Sprintf("the %s were made with version %d", r.what, v))
		}
	}
	if len(older) > 0 {
		fmt.Fprintf(env.Stdout, "But %s: run obs score and obs classify (or obs build) to remake them.\n", strings.Join(older, ", and "))
	}
	return nil
}

// writeHeaded writes a headed table, or "(none)".
func writeHeaded(w io.Writer, head string, t *tabular.Table) error {
	fmt.Fprintf(w, "\n%s\n", head)
	if len(t.Rows) == 0 {
		fmt.Fprintln(w, "  (none)")
		return nil
	}
	return tabular.Write(w, t, tabular.FormatTable)
}
