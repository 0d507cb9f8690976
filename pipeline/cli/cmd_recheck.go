package cli

import (
	"flag"
	"fmt"
	"io"

	"github.com/ourbiggerstory/obs/pipeline/ingest"
	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

func init() {
	register(&Command{
		Name: "recheck", Args: "",
		Summary: "check the quarantined rows again (after adding an area) and load those that now pass",
		Flags: func(fs *flag.FlagSet, env *Env) func([]string) error {
			key := fs.String("key", privacy.DefaultKeyPath(), "the pseudonym key file (kept outside the database; $OBS_KEY)")
			return func(args []string) error {
				if len(args) > 0 {
					return usageErr("recheck takes no arguments; to re-check one file's rows with other settings, load the file again with 'obs ingest'")
				}
				kr, err := openKey(env, *key)
				if err != nil {
					return err
				}
				st, err := store.Open(env.Ctx, env.DB)
				if err != nil {
					return err
				}
				defer st.Close()
				results, err := steps.Recheck(env.Ctx, st, ingest.Options{Keyring: kr, User: currentUser(), Progress: env.rowsProgress()})
				env.progressDone()
				if err != nil {
					return err
				}
				return writeRecheck(env.Stdout, results)
			}
		},
	})
}

// writeRecheck says, a line a load, what a re-check did, then the totals.
func writeRecheck(w io.Writer, results []*ingest.Result) error {
	if len(results) == 0 {
		fmt.Fprintln(w, "No quarantined rows to re-check.")
		return nil
	}
	for _, r := range results {
		writeRechecked(w, r)
	}
	checked, loaded, still := steps.Rechecked(results)
	fmt.Fprintf(w, "\n%s re-checked: %d loaded, %d still quarantined.\n", tabular.Plural(checked, "quarantined row"), loaded, still)
	if still > 0 {
		return ErrQuarantined
	}
	return nil
}

// writeRechecked says what re-checking one load's quarantined rows did.
func writeRechecked(w io.Writer, r *ingest.Result) {
	if r.GivenAs != "" && r.GivenAs != r.File {
		fmt.Fprintf(w, "%s: the same file as %s, loaded before (load %d); ", r.GivenAs, r.File, r.LoadID)
	} else {
		fmt.Fprintf(w, "%s: loaded before (load %d); ", r.File, r.LoadID)
	}
	fmt.Fprintf(w, "%s quarantined then, re-checked now: ", tabular.Plural(r.Rows, "row"))
	switch {
	case r.Loaded == 0:
		fmt.Fprintf(w, "none passes yet\n")
	case r.Quarantined == 0:
		fmt.Fprintf(w, "all loaded, into load %d\n", r.LoadID)
	default:
		fmt.Fprintf(w, "%d loaded, into load %d; %d still quarantined\n", r.Loaded, r.LoadID, r.Quarantined)
	}
}
