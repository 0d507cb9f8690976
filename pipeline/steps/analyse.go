package steps

import (
	"context"
	"fmt"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/qca"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

// Score scores every area on every definition and writes the scores, in one
// transaction: a failure leaves the earlier scores as they were. The audit
// table records it as done by who ctx says (As).
func Score(ctx context.Context, st *store.Store, defs *analysis.Definitions, opt analysis.ScoreOptions) (*analysis.ScoreResult, error) {
	var res *analysis.ScoreResult
	err := st.InTx(ctx, func(tx *store.Tx) (err error) {
		if res, err = analysis.Score(ctx, tx.Conn, defs, opt); err != nil {
			return err
		}
		if err := markData(ctx, tx, &res.Settings); err != nil {
			return err
		}
		if err := res.Write(tx); err != nil {
			return err
		}
		return audit(ctx, tx.Conn, actor(ctx, nil), ActionScore, fmt.Sprintf("scores computed again: %d areas, %d periods", len(res.Areas), len(res.Periods)))
	})
	return res, err
}

// Classify labels every area's leadership model and writes the labels, in
// one transaction. The audit table records it, and each override that
// changed, as done by who ctx says (As).
func Classify(ctx context.Context, st *store.Store, defs *analysis.Definitions, opt analysis.ClassifyOptions) (*analysis.ClassifyResult, error) {
	return classify(ctx, st, defs, opt, ActionClassify)
}

// classify is Classify recorded as action ("": the override changes only).
func classify(ctx context.Context, st *store.Store, defs *analysis.Definitions, opt analysis.ClassifyOptions, action string) (*analysis.ClassifyResult, error) {
	var res *analysis.ClassifyResult
	err := st.InTx(ctx, func(tx *store.Tx) (err error) {
		if res, err = analysis.Classify(ctx, tx, defs.Helpers, opt); err != nil {
			return err
		}
		if err := markData(ctx, tx, &res.Settings); err != nil {
			return err
		}
		return writeLabels(ctx, tx, res, action, fmt.Sprintf("labels computed again: %d areas, %d periods", len(res.Areas), len(res.Periods)))
	})
	return res, err
}

// writeLabels writes labels and records it as action (none when ""), and
// any change in the overrides they carry as an override.
func writeLabels(ctx context.Context, tx *store.Tx, res *analysis.ClassifyResult, action, detail string) error {
	was, err := currentOverrides(ctx, tx)
	if err != nil {
		return err
	}
	if err := res.Write(tx); err != nil {
		return err
	}
	who := actor(ctx, nil)
	if action != "" {
		if err := audit(ctx, tx.Conn, who, action, detail); err != nil {
			return err
		}
	}
	if changes := overrideChanges(was, overridesOf(res)); changes != "" {
		return audit(ctx, tx.Conn, who, ActionOverride, changes)
	}
	return nil
}

// Results are scores and labels computed afresh, not yet written.
type Results struct {
	Scores *analysis.ScoreResult
	Labels *analysis.ClassifyResult
}

// ComputeAgain computes the scores and the labels again with the built-in
// definitions and the method the results follow (ResultOptions: the latest
// saved version; with none saved, the settings the results were last made
// with, or the commands' defaults when there are no results yet). It only
// reads st, which may be a reading copy: a server computes without holding
// the database, then writes in a moment.
func ComputeAgain(ctx context.Context, st *store.Store) (*Results, error) {
	return computeFollowing(ctx, st, ComputeWith)
}

// computeFollowing computes, with compute, the results of the method the
// results follow (ResultOptions) and the built-in definitions.
func computeFollowing(ctx context.Context, st *store.Store, compute func(context.Context, *store.Store, *analysis.Definitions, analysis.ScoreOptions, analysis.ClassifyOptions) (*Results, error)) (*Results, error) {
	defs, err := analysis.LoadDefinitions(analysis.BuiltinDefinitions(), "")
	if err != nil {
		return nil, err
	}
	sopt, copt, err := ResultOptions(ctx, st.DB, defs)
	if err != nil {
		return nil, err
	}
	return compute(ctx, st, defs, sopt, copt)
}

// ComputeWith computes the scores and the labels with these options,
// without writing them (a preview of a method, or ComputeAgain's work).
func ComputeWith(ctx context.Context, st *store.Store, defs *analysis.Definitions, sopt analysis.ScoreOptions, copt analysis.ClassifyOptions) (*Results, error) {
	var res Results
	err := st.InTx(ctx, func(tx *store.Tx) (err error) {
		if res.Scores, err = analysis.Score(ctx, tx.Conn, defs, sopt); err != nil {
			return fmt.Errorf("scoring: %w", err)
		}
		if err := markData(ctx, tx, &res.Scores.Settings); err != nil {
			return err
		}
		if res.Labels, err = analysis.Classify(ctx, tx, defs.Helpers, copt); err != nil {
			return fmt.Errorf("classifying: %w", err)
		}
		return markData(ctx, tx, &res.Labels.Settings)
	})
	return &res, err
}

// Write replaces the scores and the labels in st in one transaction, so
// that no reader sees new scores beside old labels, and records it (a
// recompute) as done by who ctx says (As).
func (r *Results) Write(ctx context.Context, st *store.Store) error {
	return st.InTx(ctx, func(tx *store.Tx) error {
		if err := r.Scores.Write(tx); err != nil {
			return err
		}
		return writeLabels(ctx, tx, r.Labels, ActionRecompute, "scores and labels computed again from the data loaded")
	})
}

// Recompute computes the scores and labels again (ComputeAgain) and writes
// them to st.
func Recompute(ctx context.Context, st *store.Store) error {
	res, err := ComputeAgain(ctx, st)
	if err != nil {
		return err
	}
	return res.Write(ctx, st)
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

// SaveQCA stores a QCA result under its name, replacing only that
// analysis's rows of the qca_ tables, in one transaction.
func SaveQCA(ctx context.Context, st *store.Store, name string, rep *qca.Report) error {
	return st.InTx(ctx, func(tx *store.Tx) error { return qca.Store(tx, name, rep) })
}

// SetOverride sets an evaluator's label for one area and period (o), or
// removes the one there (o nil), as a new saved version of the method
// (noted "label of AREA PERIOD set from the area page", saved by by, a
// pseudonym) that keeps every other override and setting, and labels every
// area again with it (the scores do not change). The audit table records
// the change of override as made by who ctx says (As).
func SetOverride(ctx context.Context, st *store.Store, area string, period int, o *analysis.Override, by string) (*analysis.ClassifyResult, error) {
	defs, err := analysis.LoadDefinitions(analysis.BuiltinDefinitions(), "")
	if err != nil {
		return nil, err
	}
	cur, err := CurrentMethod(ctx, st.DB)
	if err != nil {
		return nil, err
	}
	_, copt, err := cur.Options(defs)
	if err != nil {
		return nil, err
	}
	ov := &analysis.Overrides{}
	if copt.Overrides != nil {
		for _, x := range copt.Overrides.List {
			if !(x.Area == area && x.Period == period) {
				ov.List = append(ov.List, x)
			}
		}
	}
	what := fmt.Sprintf("label of %s %s", area, schemas.Period(period).String())
	m := cur.Clone()
	m.SavedBy, m.SavedAt, m.Note = by, time.Time{}, what+" set back to the computed label from the area page"
	if o != nil {
		o.Line = len(ov.List) + 1
		ov.List = append(ov.List, o)
		m.Note = what + " set from the area page"
	}
	m.Files[analysis.OverridesFile] = analysis.OverridesCSV(ov)
	if _, err := SaveMethod(ctx, st, m); err != nil {
		return nil, err
	}
	_, copt, err = MethodOptions(ctx, st.DB, m, defs)
	if err != nil {
		return nil, err
	}
	return classify(ctx, st, defs, copt, "")
}
