package cli

import (
	"database/sql"
	"fmt"

	"github.com/ourbiggerstory/obs/pipeline/steps"
)

// noteStale says on stderr, when the scores or labels are older than the
// data, which and what to run; the output itself is left as it is. A
// database that cannot say gets no note: the command reports its own errors.
func noteStale(env *Env, command string, db *sql.DB) {
	if env.noStaleNote {
		return
	}
	s, err := steps.ReadStaleness(env.Ctx, db)
	if err != nil {
		return
	}
	if msg := s.Message(); msg != "" {
		fmt.Fprintf(env.Stderr, "obs %s: note: %s\n", command, msg)
	}
}
