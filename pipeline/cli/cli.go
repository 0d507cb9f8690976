// Package cli is the obs command tree: one file per command (cmd_<verb>.go),
// each registering itself, so every command runs in-process in tests. It is
// the top of the flow and may import every pipeline package.
package cli

import (
	"context"
	"flag"
	"fmt"
	"io"
	"os"
	"sort"
	"strings"
)

// Env is what a command runs with.
type Env struct {
	Ctx    context.Context
	Stdin  io.Reader
	Stdout io.Writer
	Stderr io.Writer
	// DB is the database path (--db, else $OBS_DB, else obs.duckdb).
	DB string
	// Progress is true when stderr is a terminal: long work may show progress.
	Progress bool
}

// Command is one obs command.
type Command struct {
	Name    string
	Args    string // usage after the name, e.g. "PATH..."
	Summary string // one line for 'obs help'
	// Flags declares the command's flags (besides --db) on fs, and returns
	// the function that runs it with the remaining arguments.
	Flags func(fs *flag.FlagSet, env *Env) func(args []string) error
}

var commands = map[string]*Command{}

func register(c *Command) { commands[c.Name] = c }

// Run runs obs with args and returns the exit status.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	env := &Env{Ctx: ctx, Stdin: stdin, Stdout: stdout, Stderr: stderr, Progress: isTerminal(stderr)}
	if len(args) == 0 || args[0] == "help" || args[0] == "-h" || args[0] == "--help" {
		usage(stdout)
		if len(args) == 0 {
			return ExitUsage
		}
		return ExitOK
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "obs: there is no command %q. Run 'obs help' for the list.\n", args[0])
		return ExitUsage
	}
	fs := flag.NewFlagSet("obs "+c.Name, flag.ContinueOnError)
	fs.SetOutput(stderr)
	def := os.Getenv("OBS_DB")
	if def == "" {
		def = "obs.duckdb"
	}
	fs.StringVar(&env.DB, "db", def, "the database file")
	run := c.Flags(fs, env)
	fs.Usage = func() {
		fmt.Fprintf(stderr, "usage: obs %s [flags] %s\n%s\n\nflags:\n", c.Name, c.Args, c.Summary)
		fs.PrintDefaults()
	}
	rest, err := parseInterspersed(fs, args[1:])
	if err != nil {
		if err == flag.ErrHelp {
			return ExitOK
		}
		return ExitUsage
	}
	return report(stderr, c.Name, run(rest))
}

// parseInterspersed lets flags come before or after the other arguments.
func parseInterspersed(fs *flag.FlagSet, args []string) ([]string, error) {
	var rest []string
	for {
		if err := fs.Parse(args); err != nil {
			return nil, err
		}
		args = fs.Args()
		if len(args) == 0 {
			return rest, nil
		}
		if args[0] == "--" {
			return append(rest, args[1:]...), nil
		}
		rest = append(rest, args[0])
		args = args[1:]
	}
}

func usage(w io.Writer) {
	fmt.Fprintln(w, "obs: the Our Bigger Story evaluation pipeline\n\nusage: obs COMMAND [flags] [arguments]\n\ncommands:")
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		c := commands[n]
		fmt.Fprintf(w, "  %-10s %s\n", n, c.Summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --db PATH (default obs.duckdb, or $OBS_DB).\n'obs COMMAND -h' shows a command's flags.")
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}

// plural writes "1 row" or "3 rows".
func plural(n int, word string) string {
	if n == 1 {
		return fmt.Sprintf("%d %s", n, word)
	}
	if strings.HasSuffix(word, "y") {
		return fmt.Sprintf("%d %sies", n, word[:len(word)-1])
	}
	return fmt.Sprintf("%d %ss", n, word)
}
