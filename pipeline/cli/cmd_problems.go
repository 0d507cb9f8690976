package cli

import (
	"bytes"
	"context"
	"database/sql"
	"flag"
	"fmt"
	"os"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/ingest"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

func init() {
	register(&Command{
		Name: "problems", Args: "",
		Summary: "quarantined rows with their positions and messages, to fix and send back",
		Flags: func(fs *flag.FlagSet, env *Env) func([]string) error {
			format := fs.String("format", "table", "table, csv or xlsx (an xlsx to send back to the area, problem cells marked)")
			out := fs.String("out", "", "write to this file (needed for xlsx)")
			area := fs.String("area", "", "only this area's rows")
			file := fs.String("file", "", "only rows from this file name")
			return func(args []string) error {
				if len(args) > 0 {
					return usageErr("problems takes no arguments")
				}
				switch *format {
				case "table", "csv", "xlsx":
				default:
					return usageErr("--format must be table, csv or xlsx")
				}
				if *format == "xlsx" && *out == "" {
					return usageErr("--format xlsx needs --out FILE.xlsx")
				}
				st, err := store.OpenReadOnly(env.Ctx, env.DB)
				if err != nil {
					return err
				}
				defer st.Close()
				*area = strings.ToLower(strings.TrimSpace(*area))
				rows, err := st.DB.QueryContext(env.Ctx, problemsSQL, *area, *file)
				if err != nil {
					return err
				}
				t, _, err := tabular.FromRows(rows, 0)
				rows.Close()
				if err != nil {
					return err
				}
				if *area != "" {
					if t.Rows, err = rowsOfArea(env.Ctx, st.DB, t.Rows, *area); err != nil {
						return err
					}
				}
				if len(t.Rows) == 0 {
					fmt.Fprintln(env.Stdout, "No quarantined rows.")
					return nil
				}
				w := env.Stdout
				var buf bytes.Buffer
				if *out != "" {
					w = &buf
				}
				if *format == "xlsx" {
					err = writeProblemsXLSX(&buf, t)
				} else {
					if *format == "table" {
						t = &tabular.Table{Columns: []string{"where", "error", "message"}, Rows: problemLines(t)}
					}
					err = tabular.Write(w, t, *format)
				}
				if err != nil {
					return err
				}
				if *out != "" {
					if err := os.WriteFile(*out, buf.Bytes(), 0o644); err != nil {
						return err
					}
					fmt.Fprintf(env.Stdout, "%s written: %s\n", *out, tabular.Plural(len(t.Rows), "problem"))
				}
				return nil
			}
		},
	})
}

// rowsOfArea keeps the quarantined rows of area: those read as the area's,
// and those whose area could not be read but is written as a misspelling of
// it, that obs suggests it for ("Birchfeild": did you mean Birchfield?).
func rowsOfArea(ctx context.Context, db *sql.DB, rows [][]any, area string) ([][]any, error) {
	var out [][]any
	for _, r := range rows {
		if r[6] != nil {
			if fmt.Sprint(r[6]) == area {
				out = append(out, r)
			}
			continue
		}
		if r[3] == nil {
			continue // the row as a whole is at fault: its area is not known
		}
		keys, vals := ingest.RawCells(fmt.Sprint(r[9]))
		for i, k := range keys {
			if l, _, _ := strings.Cut(k, ":"); l != fmt.Sprint(r[3]) || fmt.Sprint(r[4]) != "area" {
				continue
			}
			id, ok, err := ingest.SuggestArea(ctx, db, vals[i])
			if err != nil {
				return nil, err
			}
			if ok && id == area {
				out = append(out, r)
			}
		}
	}
	return out, nil
}

// problemLines is the short view: where, error type, message (which itself starts with the position).
func problemLines(t *tabular.Table) [][]any {
	out := make([][]any, len(t.Rows))
	for i, r := range t.Rows {
		msg := fmt.Sprint(r[8])
		where, _ := ingest.SplitMessage(fmt.Sprint(r[0]), msg)
		rest := strings.TrimPrefix(msg, where+": ")
		out[i] = []any{where, r[7], rest}
	}
	return out
}
