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

	"github.com/ourbiggerstory/obs/pipeline/query"
	"github.com/ourbiggerstory/obs/pipeline/store"
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
	// noStaleNote keeps a command from noting stale results (obs build runs
	// score then classify: a note between them would be untrue by the end).
	noStaleNote bool
}

// Command is one obs command.
type Command struct {
	Name    string
	Args    string // usage after the name, e.g. "PATH..."
	Summary string // one line for 'obs help'
	// Help, if set, gives more to show after the flags in 'obs help NAME'.
	Help func() string
	// Flags declares the command's flags (besides --db) on fs, and returns
	// the function that runs it with the remaining arguments.
	Flags func(fs *flag.FlagSet, env *Env) func(args []string) error
}

var commands = map[string]*Command{}

func register(c *Command) { commands[c.Name] = c }

// Run runs obs with args and returns the exit status.
func Run(ctx context.Context, args []string, stdin io.Reader, stdout, stderr io.Writer) int {
	if len(args) > 0 && args[0] == query.ChildArg {
		return query.ChildMain(stdin, stdout, stderr) // the web console's query process; not for people
	}
	// A command kept waiting for another one writing the database says so.
	ctx = store.WaitNotice(ctx, func(msg string) { fmt.Fprintf(stderr, "obs: %s\n", msg) })
	env := &Env{Ctx: ctx, Stdin: stdin, Stdout: stdout, Stderr: stderr, Progress: isTerminal(stderr)}
	args, code := globalFlags(env, args)
	if code >= 0 {
		return code
	}
	if len(args) == 0 {
		usage(stdout)
		return ExitUsage
	}
	if args[0] == "help" {
		return help(env, args[1:])
	}
	c, ok := commands[args[0]]
	if !ok {
		fmt.Fprintf(stderr, "obs: there is no command %q. Run 'obs help' for the list.\n", args[0])
		return ExitUsage
	}
	fs, run := flagSet(c, env)
	rest, err := parseInterspersed(fs, args[1:])
	if err == flag.ErrHelp {
		commandUsage(stdout, c, fs)
		return ExitOK
	}
	if err != nil {
		commandUsage(stderr, c, fs)
		return ExitUsage
	}
	return report(stderr, c.Name, run(rest))
}

// globalFlags reads the flags given before the command (as 'git -C' and
// 'go -C'): --db, which every command takes, and -h. It returns the
// arguments from the command on, and an exit status if obs should stop
// (else -1).
func globalFlags(env *Env, args []string) ([]string, int) {
	env.DB = os.Getenv("OBS_DB")
	if env.DB == "" {
		env.DB = "obs.duckdb"
	}
	fs := flag.NewFlagSet("obs", flag.ContinueOnError)
	fs.SetOutput(io.Discard)
	fs.StringVar(&env.DB, "db", env.DB, "the database file")
	switch err := fs.Parse(args); {
	case err == flag.ErrHelp:
		usage(env.Stdout)
		return nil, ExitOK
	case err != nil:
		fmt.Fprintf(env.Stderr, "obs: %v\nOnly --db PATH may come before the command; a command's own flags come after its name.\nRun 'obs help' for the list of commands.\n", err)
		return nil, ExitUsage
	}
	return fs.Args(), -1
}

// flagSet declares c's flags, --db among them, and returns the function
// that runs c.
func flagSet(c *Command, env *Env) (*flag.FlagSet, func([]string) error) {
	fs := flag.NewFlagSet("obs "+c.Name, flag.ContinueOnError)
	fs.SetOutput(env.Stderr)
	fs.Usage = func() {} // Run prints the usage: on stdout when asked for, on stderr after a mistake
	fs.StringVar(&env.DB, "db", env.DB, "the database file")
	return fs, c.Flags(fs, env)
}

func commandUsage(w io.Writer, c *Command, fs *flag.FlagSet) {
	fmt.Fprintf(w, "%s\n%s\n\nflags:\n", strings.TrimSpace("usage: obs "+c.Name+" [flags] "+c.Args), c.Summary)
	fs.SetOutput(w)
	fs.PrintDefaults()
	if c.Help != nil {
		fmt.Fprintf(w, "\n%s", c.Help())
	}
}

// help runs 'obs help [COMMAND]'.
func help(env *Env, args []string) int {
	if len(args) == 0 {
		usage(env.Stdout)
		return ExitOK
	}
	c, ok := commands[args[0]]
	if !ok || len(args) > 1 {
		fmt.Fprintf(env.Stderr, "obs help: there is no command %q: the commands are %s.\n", strings.Join(args, " "), strings.Join(commandNames(), ", "))
		return ExitUsage
	}
	fs, _ := flagSet(c, env)
	commandUsage(env.Stdout, c, fs)
	return ExitOK
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
	fmt.Fprintln(w, "obs: the Our Bigger Story evaluation pipeline\n\nusage: obs [--db PATH] COMMAND [flags] [arguments]\n\ncommands:")
	for _, n := range commandNames() {
		c := commands[n]
		fmt.Fprintf(w, "  %-10s %s\n", n, c.Summary)
	}
	fmt.Fprintln(w, "\nEvery command takes --db PATH (default obs.duckdb, or $OBS_DB), before or after its name.\n'obs help COMMAND' (or 'obs COMMAND -h') shows a command's flags.")
}

func commandNames() []string {
	names := make([]string, 0, len(commands))
	for n := range commands {
		names = append(names, n)
	}
	sort.Strings(names)
	return names
}

func isTerminal(w io.Writer) bool {
	f, ok := w.(*os.File)
	if !ok {
		return false
	}
	st, err := f.Stat()
	return err == nil && st.Mode()&os.ModeCharDevice != 0
}
