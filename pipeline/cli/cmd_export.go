package cli

import (
	"errors"
	"flag"
	"fmt"
	"io/fs"
	"os"

	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

func init() {
	register(&Command{
		Name: "export", Args: "--out DIR",
		Summary: "every current table as Parquet (split by area) and CSV, with a data dictionary",
		Flags: func(fs *flag.FlagSet, env *Env) func([]string) error {
			out := fs.String("out", "", "the folder to write (created if needed)")
			history := fs.Bool("history", false, "also export every row ever loaded (the *_history tables), superseded rows included")
			return func(args []string) error {
				if len(args) > 0 {
					return usageErr("export takes no arguments (did you mean --out %s?)", args[0])
				}
				if *out == "" {
					return usageErr("say where to write: --out DIR")
				}
				if err := needDatabase(env.DB); err != nil {
					return err
				}
				st, err := store.OpenScratch(env.Ctx, env.DB)
				if err != nil {
					return err
				}
				defer st.Close()
				if err := os.MkdirAll(*out, 0o755); err != nil {
					return err
				}
				done, err := tabular.Export(env.Ctx, st.DB, *out, tabular.ExportTables(*history))
				if err != nil {
					return err
				}
				noteStale(env, "export", st.DB)
				var rows int64
				for _, d := range done {
					rows += d.Rows
				}
				fmt.Fprintf(env.Stdout, "%s exported to %s: %s rows in all, as parquet/ (split by area) and csv/; the data dictionary is dictionary.md (and dictionary.csv).\n",
					tabular.Plural(len(done), "table"), *out, fmt.Sprint(rows))
				return nil
			}
		},
	})
}

// needDatabase refuses to go on when there is no database yet (opening it
// read-write would create an empty one).
func needDatabase(path string) error {
	if _, err := os.Stat(path); errors.Is(err, fs.ErrNotExist) {
		return fmt.Errorf("%s: %w", path, store.ErrNoDatabase)
	}
	return nil
}
