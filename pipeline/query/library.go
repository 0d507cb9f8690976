package query

import (
	"errors"
	"fmt"
	"github.com/ourbiggerstory/obs/schemas"
	"io"
	"io/fs"
	"os"
	"sort"
	"strings"

	"github.com/ourbiggerstory/obs/queries"
)

// ErrUnknownQuery is returned for a name that is not a saved query.
var ErrUnknownQuery = errors.New("no saved query")

// UnknownQueryError names the query asked for and those there are.
type UnknownQueryError struct {
	Name  string
	Known []string
}

func (e *UnknownQueryError) Error() string {
	msg := fmt.Sprintf("there is no saved query %q", e.Name)
	best, ok := schemas.Nearest(e.Name, e.Known)
	for _, k := range e.Known {
		if !ok && len(e.Name) >= 4 && strings.Contains(k, e.Name) {
			best, ok = k, true
		}
	}
	if ok {
		msg += fmt.Sprintf(" (did you mean %s?)", best)
	}
	return msg + ". The saved queries are: " + strings.Join(e.Known, ", ") +
		". 'obs queries' describes them; a file ending .sql, or - for SQL on standard input, runs your own."
}

func (e *UnknownQueryError) Unwrap() error { return ErrUnknownQuery }

// StdinName is what messages call SQL read from standard input.
const StdinName = "the SQL from standard input"

// Saved returns the query library, sorted by name.
func Saved() ([]*Query, error) {
	return load(queries.Library)
}

func load(fsys fs.FS) ([]*Query, error) {
	files, err := fs.Glob(fsys, "*.sql")
	if err != nil {
		return nil, err
	}
	var out []*Query
	for _, f := range files {
		b, err := fs.ReadFile(fsys, f)
		if err != nil {
			return nil, err
		}
		q, err := Parse("queries/"+f, strings.TrimSuffix(f, ".sql"), string(b))
		if err != nil {
			return nil, err
		}
		out = append(out, q)
	}
	sort.Slice(out, func(i, j int) bool { return out[i].Name < out[j].Name })
	return out, nil
}

// Find returns the saved query of that name.
func Find(name string) (*Query, error) {
	all, err := Saved()
	if err != nil {
		return nil, err
	}
	known := make([]string, len(all))
	for i, q := range all {
		if q.Name == name {
			return q, nil
		}
		known[i] = q.Name
	}
	return nil, &UnknownQueryError{Name: name, Known: known}
}

// Resolve finds what an evaluator named on the command line: "-" is SQL on
// stdin, a name ending in .sql (or holding a path separator) is a file, and
// anything else a saved query.
func Resolve(arg string, stdin io.Reader) (*Query, error) {
	switch {
	case arg == "-":
		b, err := io.ReadAll(stdin)
		if err != nil {
			return nil, fmt.Errorf("reading SQL from standard input: %w", err)
		}
		return Parse("stdin", StdinName, string(b))
	case strings.HasSuffix(strings.ToLower(arg), ".sql") || strings.ContainsAny(arg, `/\`):
		b, err := os.ReadFile(arg)
		if err != nil {
			if errors.Is(err, fs.ErrNotExist) {
				return nil, fmt.Errorf("%s: no such file (saved queries are named without .sql: 'obs queries' lists them)", arg)
			}
			return nil, err
		}
		q, err := Parse(arg, arg, string(b))
		if err != nil {
			return nil, err
		}
		q.Name = arg // messages name the file, whatever its header says
		return q, nil
	}
	return Find(arg)
}
