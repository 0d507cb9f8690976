package cli

import (
	"context"
	"errors"
	"fmt"
	"io"
)

// Exit statuses (spec: outputs.md).
const (
	ExitOK          = 0   // done
	ExitFailed      = 1   // failed; nothing changed
	ExitUsage       = 2   // the command line was wrong
	ExitQuarantined = 3   // done, but some rows were quarantined
	ExitStopped     = 130 // stopped by Ctrl+C (128 + SIGINT, as shells report it)
)

// UsageError is a mistake on the command line found after its flags were
// read; report prints it with a pointer to the command's flags.
type UsageError struct {
	Msg string
}

func (e *UsageError) Error() string { return e.Msg }

// ErrQuarantined says the work was done but some rows were quarantined; the
// command has already said which.
var ErrQuarantined = errors.New("some rows were quarantined: see 'obs problems'")

// usageErr is a usage mistake with the message to print.
func usageErr(format string, a ...any) error {
	return &UsageError{Msg: fmt.Sprintf(format, a...)}
}

// stoppedError is a command stopped (by Ctrl+C) after it had changed
// something, saying what stays; a stop without one changed nothing.
type stoppedError struct {
	kept string
	err  error
}

func (e *stoppedError) Error() string { return e.err.Error() }
func (e *stoppedError) Unwrap() error { return e.err }

// report is the one place errors become exit statuses.
func report(w io.Writer, cmd string, err error) int {
	var ue *UsageError
	var se *stoppedError
	switch {
	case err == nil:
		return ExitOK
	case errors.Is(err, ErrQuarantined):
		fmt.Fprintf(w, "obs %s: done, but %v\n", cmd, err)
		return ExitQuarantined
	case errors.As(err, &ue):
		fmt.Fprintf(w, "obs %s: %s\nRun 'obs %s -h' for its flags.\n", cmd, ue.Msg, cmd)
		return ExitUsage
	case errors.As(err, &se):
		fmt.Fprintf(w, "obs %s: stopped; %s\n", cmd, se.kept)
		return ExitStopped
	case errors.Is(err, context.Canceled):
		fmt.Fprintf(w, "obs %s: stopped; nothing was changed\n", cmd)
		return ExitStopped
	default:
		fmt.Fprintf(w, "obs %s: %v\n", cmd, err)
		return ExitFailed
	}
}
