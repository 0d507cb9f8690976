package cli

import (
	"fmt"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/steps"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// progress shows how far long work has come on one line of a terminal
// ("printing packs to PDF: 3 of 15"); on anything else (a pipe, a file, a
// test) it is nil and nothing is shown.
func (env *Env) progress() steps.Progress {
	if !env.Progress {
		return nil
	}
	return func(done, total int, what string) {
		fmt.Fprintf(env.Stderr, "\r\033[K%s: %d of %d", what, done, total)
	}
}

// rowsProgress shows, on one line of a terminal, the rows read so far of
// the file being loaded, at most four times a second; elsewhere it is nil.
func (env *Env) rowsProgress() func(file string, rows int) {
	if !env.Progress {
		return nil
	}
	var last time.Time
	return func(file string, rows int) {
		if time.Since(last) < 250*time.Millisecond {
			return
		}
		last = time.Now()
		fmt.Fprintf(env.Stderr, "\r\033[K%s: %s rows read so far…", file, tabular.Count(int64(rows)))
	}
}

// progressDone clears the progress line.
func (env *Env) progressDone() {
	if env.Progress {
		fmt.Fprint(env.Stderr, "\r\033[K")
	}
}
