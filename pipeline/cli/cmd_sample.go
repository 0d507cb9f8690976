package cli

import (
	"flag"
	"fmt"

	"github.com/ourbiggerstory/obs/pipeline/sample"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

func init() {
	register(&Command{
		Name: "sample", Args: "--out DIR",
		Summary: "write synthetic returns (deterministic for a seed) for demos, tests and benchmarks",
		Flags: func(fs *flag.FlagSet, env *Env) func([]string) error {
			out := fs.String("out", "", "folder to write the returns into")
			var o sample.Options
			fs.IntVar(&o.Areas, "areas", 15, "how many areas (the first 15 are the Our Bigger Story areas)")
			fs.IntVar(&o.Years, "years", 3, "how many reporting years")
			fs.IntVar(&o.Scale, "scale", 1, "multiplies the activity rows (events, volunteering, social media...)")
			fs.Int64Var(&o.Seed, "seed", 1, "random seed: the same seed writes the same bytes")
			fs.IntVar(&o.FirstYear, "first-year", 2019, "first reporting year (2019 is 2019-20)")
			events := fs.Int("events-rows", 0, "instead, write one events workbook of this many rows to --out FILE.xlsx (for benchmarks)")
			return func(args []string) error {
				if *out == "" || len(args) > 0 {
					return usageErr("say where to write: obs sample --out DIR")
				}
				if *events > 0 {
					if err := sample.LargeEvents(*out, *events, o.Seed); err != nil {
						return err
					}
					fmt.Fprintf(env.Stdout, "%s written: %s of synthetic events.\n", *out, tabular.Plural(*events, "row"))
					return nil
				}
				sum, err := sample.Write(*out, o)
				if err != nil {
					return err
				}
				rows := 0
				for _, n := range sum.Rows {
					rows += n
				}
				fmt.Fprintf(env.Stdout, "%s of synthetic returns written to %s (%s, %s planted for testing).\nEvery figure is synthetic: %s\n",
					tabular.Plural(len(sum.Files), "file"), *out, tabular.Plural(rows, "data row"), tabular.Plural(len(sum.Faults), "fault"), sample.Marker)
				return nil
			}
		},
	})
}
