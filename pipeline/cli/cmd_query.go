package cli

import (
	"errors"
	"flag"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/query"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

func init() {
	register(&Command{
		Name: "query", Args: "NAME|FILE.sql|-",
		Summary: "run a saved query (see 'obs queries'), a .sql file, or SQL from standard input (-); read-only",
		Flags: func(fs *flag.FlagSet, env *Env) func([]string) error {
			var params paramList
			fs.Var(&params, "param", "a query parameter, NAME=VALUE (repeat for several)")
			format := fs.String("format", "table", "table, csv, json, xlsx, parquet or arrow (default: from --out's extension, else table)")
			out := fs.String("out", "", "write to this file (needed for xlsx, parquet and arrow unless standard output is redirected)")
			return func(args []string) error {
				if len(args) != 1 {
					return usageErr("give one query: a saved query's name ('obs queries' lists them), a file ending .sql, or - to read SQL from standard input")
				}
				f := *format
				if !flagGiven(fs, "format") && *out != "" {
					if ext := strings.TrimPrefix(strings.ToLower(filepath.Ext(*out)), "."); isTabularFormat(ext) {
						f = ext
					}
				}
				if !isTabularFormat(f) {
					return usageErr("--format %s: choose one of %s", f, strings.Join(tabular.Formats(), ", "))
				}
				if *out == "" && tabular.Binary(f) && isTerminal(env.Stdout) {
					return usageErr("--format %s writes a file: add --out FILE.%s", f, f)
				}
				given, err := query.ParseAssignments(params)
				if err != nil {
					return usageErr("%v", err)
				}
				q, err := query.Resolve(args[0], env.Stdin)
				if err != nil {
					var ue *query.UnknownQueryError
					if errors.As(err, &ue) {
						return usageErr("%v", err)
					}
					return err
				}
				for _, n := range q.PeriodNotes {
					fmt.Fprintf(env.Stderr, "obs query: %s\n", n)
				}
				st, err := store.OpenReadOnly(env.Ctx, env.DB)
				if err != nil {
					return err
				}
				defer st.Close()
				err = writeResult(*out, env.Stdout, func(w io.Writer) error {
					return query.Write(env.Ctx, st.DB, q, given, w, f)
				})
				if errors.Is(err, query.ErrParam) {
					return usageErr("%v", err)
				}
				if err == nil && *out != "" {
					fmt.Fprintf(env.Stdout, "%s written (%s)\n", *out, f)
				}
				if err == nil && steps.ReadsResults(q.SQL) {
					noteStale(env, "query", st.DB)
				}
				return err
			}
		},
	})
}

func isTabularFormat(f string) bool {
	for _, x := range tabular.Formats() {
		if f == x {
			return true
		}
	}
	return false
}

// writeResult runs write on stdout, or on a new file at path that replaces
// path only when write succeeds (a failed query leaves no half file).
func writeResult(path string, stdout io.Writer, write func(io.Writer) error) error {
	if path == "" {
		return write(stdout)
	}
	tmp, err := os.CreateTemp(filepath.Dir(path), ".obs-*.tmp")
	if err != nil {
		return err
	}
	defer os.Remove(tmp.Name())
	if err := write(tmp); err != nil {
		tmp.Close()
		return err
	}
	if err := tmp.Close(); err != nil {
		return err
	}
	if err := os.Chmod(tmp.Name(), 0o644); err != nil {
		return err
	}
	return os.Rename(tmp.Name(), path)
}

// paramList is a repeatable string flag.
type paramList []string

func (l *paramList) String() string     { return strings.Join(*l, ", ") }
func (l *paramList) Set(v string) error { *l = append(*l, v); return nil }

// flagGiven reports whether the flag was given on the command line.
func flagGiven(fs *flag.FlagSet, name string) bool {
	set := false
	fs.Visit(func(f *flag.Flag) {
		if f.Name == name {
			set = true
		}
	})
	return set
}
