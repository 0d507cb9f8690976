package analysis

import (
	"fmt"
	"math"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

// tableWriter builds a result table's rows (store.RowWriter), replacing
// the whole table on flush.
type tableWriter struct{ *store.RowWriter }

func newTableWriter(t *schemas.Table) *tableWriter {
	return &tableWriter{store.NewRowWriter(t)}
}

func (w *tableWriter) add(vals ...any) { w.Add(vals...) }

// flush replaces the table's rows by those added.
func (w *tableWriter) flush(tx *store.Tx) error {
	return w.Replace(tx, fmt.Sprintf(clearTableSQL, w.Table().Name))
}

func settingsWriter(t *schemas.Table, s [][2]string) *tableWriter {
	w := newTableWriter(t)
	for _, kv := range s {
		w.add(kv[0], kv[1])
	}
	return w
}

// Write replaces the scores, agreement, concordance, uncertainty, sensitivity,
// rank_reversals and score_settings tables by r, in tx.
func (r *ScoreResult) Write(tx *store.Tx) error {
	sc := newTableWriter(schemas.Scores)
	for _, s := range r.Scores {
		var cov any
		if s.Definition == Composite {
			cov = s.Coverage
		}
		sc.add(fmt.Sprintf("%s/%d/%s/%s", s.Area, s.Period, s.Definition, s.ResidentDef), s.Area, s.Period, s.Definition,
			s.Label, s.ResidentDef, s.Value, s.Unit, s.Direction, s.Base, s.BaseLabel, s.Reason, s.Note,
			s.MinMax, s.Z, s.Rank, s.Percentile, s.N, cov, s.Covered, s.Goalposts)
	}
	ag := newTableWriter(schemas.Agreement)
	for _, a := range r.Agreement {
		var method, beyond any
		if !math.IsNaN(a.Test.P) {
			method, beyond = a.Test.Method(), a.Test.P < Chance
		}
		ag.add(fmt.Sprintf("%d/%s/%s/%s", a.Period, a.ResidentDef, a.A, a.B), a.Period, a.ResidentDef, a.A, a.B, a.Tau, a.N,
			a.Test.P, method, a.Test.Low, a.Test.High, beyond)
	}
	co := newTableWriter(schemas.Concordance)
	for _, c := range r.Concordance {
		var beyond any
		if !math.IsNaN(c.P) {
			beyond = c.P < Chance
		}
		co.add(fmt.Sprintf("%d/%s", c.Period, c.ResidentDef), c.Period, c.ResidentDef, c.W, c.Definitions, c.N, c.ChiSquared, c.DF, c.P, beyond)
	}
	un := newTableWriter(schemas.Uncertainty)
	for _, u := range r.Uncertainty {
		un.add(fmt.Sprintf("%s/%d", u.Area, u.Period), u.Area, u.Period, u.Rank, u.Median, u.P05, u.P95, u.Draws, u.Ranked, u.N)
	}
	se := newTableWriter(schemas.Sensitivity)
	for _, x := range r.Sensitivity {
		se.add(fmt.Sprintf("%d/%s/%s", x.Period, x.Area, x.Factor), x.Period, x.Area, x.Factor, x.First, x.Total,
			x.FirstLow, x.FirstHigh, x.TotalLow, x.TotalHigh, x.Areas)
	}
	rr := newTableWriter(schemas.RankReversals)
	for _, x := range r.Reversals {
		rr.add(fmt.Sprintf("%d/%s/%s", x.Period, x.A, x.B), x.Period, x.A, x.B, x.AAbove, x.BAbove, x.Draws, x.Robust)
	}
	for _, w := range []*tableWriter{sc, ag, co, un, se, rr, settingsWriter(schemas.ScoreSettings, r.Settings)} {
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
	ls := newTableWriter(schemas.LabelStability)
	for _, x := range r.Stability {
		var share, other, otherShare any
		if x.Draws > 0 {
			share, other, otherShare = x.Share, x.Other, x.OtherShare
		}
		if x.Other == "" {
			otherShare = nil
		}
		ls.add(fmt.Sprintf("%s/%d", x.Area, x.Period), x.Area, x.Period, x.Label, share, x.Draws, other, otherShare,
			strings.Join(x.LeftOut, "; "), x.Summary)
	}
	ca := newTableWriter(schemas.CodeAgreement)
	if r.Intercoder != nil {
		for _, a := range r.Intercoder.Codes {
			ca.add(a.Code, a.Coders, a.Units, 100*a.Percent, a.Kappa, a.Alpha, a.Low(), a.Segments, 100*a.SegmentPercent)
		}
	}
	for _, w := range []*tableWriter{in, ms, cl, ap, cm, un, ls, ca, settingsWriter(schemas.ClassifySettings, r.Settings)} {
		if err := w.flush(tx); err != nil {
			return err
		}
	}
	return nil
}
