package cli

import (
	"flag"
	"fmt"
	"io"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/query"
)

func init() {
	register(&Command{
		Name: "queries", Args: "[NAME]",
		Summary: "the saved queries, with what each answers and its parameters (with NAME: that one, and its SQL)",
		Flags: func(fs *flag.FlagSet, env *Env) func([]string) error {
			return func(args []string) error {
				switch len(args) {
				case 0:
					all, err := query.Saved()
					if err != nil {
						return err
					}
					fmt.Fprintln(env.Stdout, "Saved queries. Run one with: obs query NAME [--param NAME=VALUE ...] [--format csv --out FILE]")
					for _, q := range all {
						fmt.Fprintln(env.Stdout)
						describeQuery(env.Stdout, q)
					}
					fmt.Fprintln(env.Stdout, "\n'obs queries NAME' shows a query's SQL. Your own SQL runs with 'obs query FILE.sql' or 'obs query -'.")
					return nil
				case 1:
					q, err := query.Find(args[0])
					if err != nil {
						return usageErr("%v", err)
					}
					describeQuery(env.Stdout, q)
					fmt.Fprintf(env.Stdout, "\n%s:\n\n%s\n", q.Source, strings.TrimRight(q.SQL, "\n"))
					return nil
				}
				return usageErr("give at most one query name")
			}
		},
	})
}

func describeQuery(w io.Writer, q *query.Query) {
	fmt.Fprintln(w, q.Name)
	wrapIndented(w, "    ", q.Description, 100)
	width := 0
	for _, p := range q.Params {
		width = max(width, len(p.Name)+1+len(p.Type))
	}
	for _, p := range q.Params {
		arg := p.Name + "=" + strings.ToUpper(p.Type)
		def := "optional"
		switch {
		case p.Required:
			def = "required"
		case !p.Null:
			def = "default: " + p.DefaultText()
		}
		fmt.Fprintf(w, "    --param %-*s  %s\n", width, arg, def)
		wrapIndented(w, "        ", p.Doc, 100)
	}
}

// wrapIndented writes text in lines of at most width characters, each indented.
func wrapIndented(w io.Writer, indent, text string, width int) {
	line := indent
	for _, word := range strings.Fields(text) {
		if len(line) > len(indent) && len(line)+1+len(word) > width {
			fmt.Fprintln(w, line)
			line = indent
		}
		if len(line) > len(indent) {
			line += " "
		}
		line += word
	}
	if len(line) > len(indent) {
		fmt.Fprintln(w, line)
	}
}
