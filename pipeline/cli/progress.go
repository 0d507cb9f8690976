package cli

import (
	"fmt"

	"github.com/ourbiggerstory/obs/pipeline/steps"
)

// progress shows how far long work has come on one line of a terminal; on
// anything else (a pipe, a file, a test) it is nil and nothing is shown.
func (env *Env) progress() steps.Progress {
	if !env.Progress {
		return nil
	}
	return func(done, total int, what string) {
		fmt.Fprintf(env.Stderr, "\r\033[K%s %d/%d", what, done, total)
	}
}

// progressDone clears the progress line.
func (env *Env) progressDone() {
	if env.Progress {
		fmt.Fprint(env.Stderr, "\r\033[K")
	}
}
