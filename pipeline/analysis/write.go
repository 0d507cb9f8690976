package analysis

import (
	"fmt"
	"math"

	"github.com/apache/arrow-go/v18/arrow"

	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

// tableWriter builds a result table's rows as Arrow record batches.
type tableWriter struct {
	t    *schemas.Table
	b    *store.Batch
	recs []arrow.RecordBatch
}

func newTableWriter(t *schemas.Table) *tableWriter {
	return &tableWriter{t: t, b: store.NewBatch(t.Columns)}
}

// add appends one row, values in the table's column order. nil, NaN and ""
// are stored as NULL.
func (w *tableWriter) add(vals ...any) {
	if len(vals) != len(w.t.Columns) {
		panic(fmt.Sprintf("analysis: %d values for the %d columns of %s", len(vals), len(w.t.Columns), w.t.Name))
	}
	for i, v := range vals {
		c := w.t.Columns[i]
		switch x := v.(type) {
		case nil:
			w.b.Null(i)
		case string:
			if x == "" {
				w.b.Null(i)
			} else {
				w.b.String(i, x)
			}
		case bool:
			w.b.Bool(i, x)
		case int:
			w.setNumber(i, c, float64(x))
		case float64:
			w.setNumber(i, c, x)
		default:
			panic(fmt.Sprintf("analysis: value %v of type %T for %s.%s", v, v, w.t.Name, c.Name))
		}
	}
	w.b.EndRow()
	if w.b.Full() {
		w.recs = append(w.recs, w.b.Cut())
	}
}

func (w *tableWriter) setNumber(i int, c schemas.Column, x float64) {
	if math.IsNaN(x) || math.IsInf(x, 0) {
		w.b.Null(i)
		return
	}
	switch c.Type {
	case schemas.Count:
		w.b.Int(i, int64(math.Round(x)))
	case schemas.ReportingYear:
		w.b.Int32(i, int32(x))
	default:
		w.b.Float(i, x)
	}
}

// flush replaces the table's rows by those added.
func (w *tableWriter) flush(tx *store.Tx) error {
	defer w.b.Close()
	if r := w.b.Cut(); r != nil {
		w.recs = append(w.recs, r)
	}
	defer store.Release(w.recs)
	if _, err := tx.Exec(fmt.Sprintf(clearTableSQL, w.t.Name)); err != nil {
		return fmt.Errorf("clearing %s: %w", w.t.Name, err)
	}
	return tx.Append(w.t.Name, w.b.Schema, w.recs...)
}

func settingsWriter(t *schemas.Table, s [][2]string) *tableWriter {
	w := newTableWriter(t)
	for _, kv := range s {
		w.add(kv[0], kv[1])
	}
	return w
}

// Write replaces the scores, agreement, uncertainty and score_settings
// tables by r, in tx.
func (r *ScoreResult) Write(tx *store.Tx) error {
	sc := newTableWriter(schemas.Scores)
	for _, s := range r.Scores {
		var cov any
		if s.Definition == Composite {
			cov = s.Coverage
		}
		sc.add(fmt.Sprintf("%s/%d/%s/%s", s.Area, s.Period, s.Definition, s.ResidentDef), s.Area, s.Period, s.Definition,
			s.Label, s.ResidentDef, s.Value, s.Unit, s.Direction, s.Base, s.BaseLabel, s.Reason, s.Note,
			s.MinMax, s.Z, s.Rank, s.Percentile, s.N, cov, s.Covered)
	}
	ag := newTableWriter(schemas.Agreement)
	for _, a := range r.Agreement {
		ag.add(fmt.Sprintf("%d/%s/%s/%s", a.Period, a.ResidentDef, a.A, a.B), a.Period, a.ResidentDef, a.A, a.B, a.Tau, a.N)
	}
	un := newTableWriter(schemas.Uncertainty)
	for _, u := range r.Uncertainty {
		un.add(fmt.Sprintf("%s/%d", u.Area, u.Period), u.Area, u.Period, u.Rank, u.Median, u.P05, u.P95, u.Draws, u.Ranked, u.N)
	}
	for _, w := range []*tableWriter{sc, ag, un, settingsWriter(schemas.ScoreSettings, r.Settings)} {
		if err := w.flush(tx); err != nil {
			return err
		}
	}
	return nil
}

// Write replaces the classification tables by r, in tx.
func (r *ClassifyResult) Write(tx *store.Tx) error {
	in := newTableWriter(schemas.Indicators)
	for _, x := range r.Indicators {
		in.add(fmt.Sprintf("%s/%d/%d/%s", x.Area, x.Period, x.Ind.Model, x.Ind.Name), x.Area, x.Period, x.Ind.Model, x.Ind.Name,
			x.Ind.Label, x.Value, x.Ind.Non, x.Ind.Cross, x.Ind.Full, x.Membership, x.Contribution, x.Reason)
	}
	ms := newTableWriter(schemas.Memberships)
	for _, m := range r.Memberships {
		ms.add(fmt.Sprintf("%s/%d/%d", m.Area, m.Period, m.Model), m.Area, m.Period, m.Model, schemas.ModelName(m.Model), m.Membership, m.Indicators, m.Codes)
	}
	cl := newTableWriter(schemas.Classifications)
	for _, c := range r.Classifications {
		var top any
		if c.Top > 0 {
			top = c.Top
		}
		cl.add(fmt.Sprintf("%s/%d", c.Area, c.Period), c.Area, c.Period, c.Computed, c.Label, c.OverrideLabel, c.OverrideReason,
			c.OverrideBy, c.M[1], c.M[2], c.M[3], top, c.Margin, c.Evidence)
	}
	ap := newTableWriter(schemas.Approaches)
	for _, a := range r.Approaches {
		ap.add(fmt.Sprintf("%s/%d/%s/%s", a.Area, a.Period, a.TagType, a.Tag), a.Area, a.Period, a.TagType, a.Tag, a.Codes, a.Projects, a.Evidence)
	}
	cm := newTableWriter(schemas.CodeMapping)
	for _, m := range r.Mappings {
		cm.add(fmt.Sprintf("%s/%s/%s", m.Code, m.TargetType, m.Target), m.Code, m.TargetType, m.Target, m.Pattern, m.Segments)
	}
	un := newTableWriter(schemas.UnmappedCodes)
	for _, u := range r.Unmapped {
		un.add(u.Code, u.Segments, u.Areas)
	}
	for _, w := range []*tableWriter{in, ms, cl, ap, cm, un, settingsWriter(schemas.ClassifySettings, r.Settings)} {
		if err := w.flush(tx); err != nil {
			return err
		}
	}
	return nil
}
