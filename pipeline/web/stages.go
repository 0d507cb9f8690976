package web

import (
	"context"
	"fmt"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// DefaultHooks connects the server to the pipeline's own stages, as far as
// they exist: the analyses for now.
func DefaultHooks() Hooks {
	return Hooks{Recompute: Recompute}
}

// Recompute re-runs the scores with the built-in definitions and default
// settings, replacing the result tables in one transaction, as 'obs score'
// does.
func Recompute(ctx context.Context, st *store.Store) error {
	defs, err := analysis.LoadDefinitions(analysis.BuiltinDefinitions(), "")
	if err != nil {
		return err
	}
	conn, err := st.DB.Conn(ctx)
	if err != nil {
		return err
	}
	res, err := analysis.Score(ctx, conn, defs, analysis.ScoreOptions{})
	conn.Close()
	if err != nil {
		return fmt.Errorf("scoring: %w", err)
	}
	return st.InTx(ctx, func(tx *store.Tx) error { return res.Write(tx) })
}
