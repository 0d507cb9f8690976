package report

import (
	"database/sql"
	"sort"
)

// Stability is one row of label_stability: how often an area's computed
// label holds when the rubric is varied.
type Stability struct {
	Area       string
	Period     int
	Label      string
	Share      sql.NullFloat64
	Draws      int64
	Other      string
	OtherShare sql.NullFloat64
	LeftOut    string
	Summary    string
}

// CodeAgreement is one row of code_agreement: the agreement between coders
// on one code, or on all codes pooled.
type CodeAgreement struct {
	Code                  string
	Coders, Units         int64
	Percent, Kappa, Alpha sql.NullFloat64
	Low                   bool
	Segments              int64
	SegmentAgreement      sql.NullFloat64
}

// stabilityAgreementSteps read the stability of the labels and the agreement
// between coders.
func stabilityAgreementSteps(d *Data, ns *nullStrings) []loadStep {
	return []loadStep{
		{labelStabilitySQL,
			func(r *sql.Rows) error {
				var s Stability
				err := r.Scan(&s.Area, &s.Period, ns.s(&s.Label), &s.Share, &s.Draws, ns.s(&s.Other), &s.OtherShare,
					ns.s(&s.LeftOut), ns.s(&s.Summary))
				ns.flush()
				d.Stability = append(d.Stability, s)
				return err
			}},
		{codeAgreementSQL,
			func(r *sql.Rows) error {
				var a CodeAgreement
				err := r.Scan(&a.Code, &a.Coders, &a.Units, &a.Percent, &a.Kappa, &a.Alpha, &a.Low, &a.Segments, &a.SegmentAgreement)
				d.CodeAgreement = append(d.CodeAgreement, a)
				return err
			}},
	}
}

// agreementOf is the agreement on code, nil when no coders compared it.
func (d *Data) agreementOf(code string) *CodeAgreement {
	for i := range d.CodeAgreement {
		if d.CodeAgreement[i].Code == code {
			return &d.CodeAgreement[i]
		}
	}
	return nil
}

// stabilityAgreement fills in the label's stability in the pack's period and the
// agreement between coders on the codes the pack's evidence uses (and on
// all codes pooled), flagging the evidence of codes with low agreement.
func (p *Pack) stabilityAgreement() {
	d := p.data
	for i := range d.Stability {
		if s := &d.Stability[i]; s.Area == p.Area.ID && s.Period == p.Period {
			p.Stability = s
		}
	}
	used := map[string]bool{}
	for i := range p.Codes {
		c := &p.Codes[i]
		c.Agreement = d.agreementOf(c.Code)
		used[c.Code] = true
	}
	for i := range p.ModelEvidence {
		e := &p.ModelEvidence[i]
		low := map[string]bool{}
		for _, s := range e.Segments {
			used[s.Code] = true
			if a := d.agreementOf(s.Code); a != nil && a.Low && !low[s.Code] {
				low[s.Code] = true
				e.LowAgreement = append(e.LowAgreement, *a)
			}
		}
		sort.Slice(e.LowAgreement, func(i, j int) bool { return e.LowAgreement[i].Code < e.LowAgreement[j].Code })
	}
	for _, a := range d.CodeAgreement {
		if used[a.Code] || (a.Code == "all" && len(used) > 0) {
			p.Agreement = append(p.Agreement, a)
		}
	}
}
