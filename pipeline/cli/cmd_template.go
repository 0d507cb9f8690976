package cli

import (
	"bytes"
	"flag"
	"fmt"
	"os"
	"path/filepath"

	"github.com/ourbiggerstory/obs/pipeline/forms"
	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

func init() {
	register(&Command{
		Name: "template", Args: "--period 2021-22 (--area ID --out FILE.xlsx | --all-areas --out DIR)",
		Summary: "the workbook an area fills in for its return, with Excel's own checks on every column",
		Flags: func(fs *flag.FlagSet, env *Env) func([]string) error {
			area := fs.String("area", "", "the area (its id or name)")
			all := fs.Bool("all-areas", false, "one workbook for every area, in the folder --out")
			period := fs.String("period", "", "the reporting year the return is for, e.g. 2021-22")
			kinds := fs.String("kinds", "", "only these kinds of return, e.g. events,volunteering (default: every kind an area returns)")
			out := fs.String("out", "", "the workbook to write (a folder with --all-areas)")
			return func(args []string) error {
				if len(args) > 0 {
					return usageErr("obs template takes no arguments (did you mean --area %s?)", args[0])
				}
				if (*area == "") == !*all {
					return usageErr("say which area: --area ID, or --all-areas for one workbook each")
				}
				if *out == "" {
					return usageErr("say where to write it: --out FILE.xlsx (--out DIR with --all-areas)")
				}
				if *period == "" {
					return usageErr("say which reporting year the return is for: --period 2021-22")
				}
				p, ok := schemas.ParsePeriod(*period)
				if !ok {
					return usageErr("--period %q: give the reporting year such as 2021-22", *period)
				}
				ks, err := steps.ParseKinds(*kinds)
				if err != nil {
					return usageErr("--kinds: %v", err)
				}
				st, err := store.OpenReadOnly(env.Ctx, env.DB)
				if err != nil {
					return err
				}
				rs, err := steps.TemplateReturns(env.Ctx, st.DB, *area, p, ks)
				st.Close()
				if err != nil {
					return usageErr("%v", err)
				}
				return writeTemplates(env, rs, *out, *all)
			}
		},
	})
}

// writeTemplates writes each template: to the file out, or into the folder
// out under its own name with --all-areas.
func writeTemplates(env *Env, rs []*forms.Return, out string, all bool) error {
	if all {
		if err := os.MkdirAll(out, 0o755); err != nil {
			return err
		}
	}
	synthetic := false
	for _, r := range rs {
		var buf bytes.Buffer
		if err := forms.Write(&buf, r); err != nil {
			return err
		}
		path := out
		if all {
			path = filepath.Join(out, r.FileName())
		}
		if err := os.WriteFile(path, buf.Bytes(), 0o644); err != nil {
			return err
		}
		synthetic = synthetic || r.Area.Synthetic
	}
	what, it := fmt.Sprintf("the %s return template of %s", rs[0].Period, rs[0].Area.Name), "it"
	if all {
		what, it = fmt.Sprintf("%s for %s", tabular.Plural(len(rs), "return template"), rs[0].Period), "each"
	}
	note := ""
	if synthetic {
		note = " (synthetic sample areas: the Guide sheet says so)"
	}
	fmt.Fprintf(env.Stdout, "Wrote %s to %s%s: send %s to its area to fill in; obs ingest reads it back as it comes.\n", what, out, note, it)
	return nil
}
