package steps

import (
	"context"
	"fmt"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// Score scores every area on every definition and writes the scores, in one
// transaction: a failure leaves the earlier scores as they were.
func Score(ctx context.Context, st *store.Store, defs *analysis.Definitions, opt analysis.ScoreOptions) (*analysis.ScoreResult, error) {
	var res *analysis.ScoreResult
	err := st.InTx(ctx, func(tx *store.Tx) (err error) {
		if res, err = analysis.Score(ctx, tx.Conn, defs, opt); err != nil {
			return err
		}
		if err := markData(ctx, tx, &res.Settings); err != nil {
			return err
		}
		return res.Write(tx)
	})
	return res, err
}

// Classify labels every area's leadership model and writes the labels, in
// one transaction.
func Classify(ctx context.Context, st *store.Store, defs *analysis.Definitions, opt analysis.ClassifyOptions) (*analysis.ClassifyResult, error) {
	var res *analysis.ClassifyResult
	err := st.InTx(ctx, func(tx *store.Tx) (err error) {
		if res, err = analysis.Classify(ctx, tx, defs.Helpers, opt); err != nil {
			return err
		}
		if err := markData(ctx, tx, &res.Settings); err != nil {
			return err
		}
		return res.Write(tx)
	})
	return res, err
}

// Recompute re-runs the scores and the labels with the built-in definitions
// and the settings the results were last made with (analysis.PreviousOptions:
// an evaluator's weights, normalisation, seed, rubric, codebook and overrides
// are kept; with no results yet, the commands' defaults). Both are replaced in
// one transaction, so that no reader sees new scores beside old labels.
func Recompute(ctx context.Context, st *store.Store) error {
	defs, err := analysis.LoadDefinitions(analysis.BuiltinDefinitions(), "")
	if err != nil {
		return err
	}
	sopt, copt, err := analysis.PreviousOptions(ctx, st.DB, defs)
	if err != nil {
		return err
	}
	return st.InTx(ctx, func(tx *store.Tx) error {
		sres, err := analysis.Score(ctx, tx.Conn, defs, sopt)
		if err != nil {
			return fmt.Errorf("scoring: %w", err)
		}
		if err := markData(ctx, tx, &sres.Settings); err != nil {
			return err
		}
		if err := sres.Write(tx); err != nil {
			return err
		}
		cres, err := analysis.Classify(ctx, tx, defs.Helpers, copt)
		if err != nil {
			return fmt.Errorf("classifying: %w", err)
		}
		if err := markData(ctx, tx, &cres.Settings); err != nil {
			return err
		}
		return cres.Write(tx)
	})
}

// markData adds to settings the data the results are made from, as the
// transaction tx sees it, so that readers can tell when the data changed
// since (ReadStaleness).
func markData(ctx context.Context, tx *store.Tx, settings *[][2]string) error {
	mark, err := dataMark(ctx, tx.Conn)
	if err != nil {
		return err
	}
	*settings = append(*settings, mark...)
	return nil
}
