package cli

import (
	"errors"
	"fmt"
	"io"
)

// Exit statuses (spec: outputs.md).
const (
	ExitOK          = 0 // done
	ExitFailed      = 1 // failed; nothing changed
	ExitUsage       = 2 // the command line was wrong
	ExitQuarantined = 3 // done, but some rows were quarantined
)

// ErrUsage wraps a usage mistake found after flag parsing.
var ErrUsage = errors.New("usage")

// ErrQuarantined says the work was done but some rows were quarantined; the
// command has already said which.
var ErrQuarantined = errors.New("some rows were quarantined: see 'obs problems'")

// usageErr is a usage mistake with the message to print.
func usageErr(format string, a ...any) error {
	return fmt.Errorf("%w: %s", ErrUsage, fmt.Sprintf(format, a...))
}

// report is the one place errors become exit statuses.
func report(w io.Writer, cmd string, err error) int {
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, ErrQuarantined):
		fmt.Fprintf(w, "obs %s: done, but %v\n", cmd, err)
		return ExitQuarantined
	case errors.Is(err, ErrUsage):
		msg := err.Error()
		if u := ErrUsage.Error() + ": "; len(msg) > len(u) && msg[:len(u)] == u {
			msg = msg[len(u):]
		}
		fmt.Fprintf(w, "obs %s: %s\nRun 'obs %s -h' for its flags.\n", cmd, msg, cmd)
		return ExitUsage
	default:
		fmt.Fprintf(w, "obs %s: %v\n", cmd, err)
		return ExitFailed
	}
}
