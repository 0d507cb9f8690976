package report

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/qca"
	"github.com/ourbiggerstory/obs/schemas"
)

// qcaRun is one shipped QCA analysis run on one period, or why it could
// not run.
type qcaRun struct {
	analysis *qca.Analysis
	run      *qca.Run
	err      string
}

// loadQCA runs every shipped analysis (queries/qca) on every period its
// query returns. One that cannot run on the data (no labels yet, say) is
// kept with its reason.
func loadQCA(ctx context.Context, db *sql.DB) ([]qcaRun, error) {
	as, err := qca.Analyses()
	if err != nil {
		return nil, err
	}
	var out []qcaRun
	for _, a := range as {
		first, err := qca.RunAnalysis(ctx, db, a, qca.RunOptions{})
		if errors.Is(err, qca.ErrInput) {
			out = append(out, qcaRun{analysis: a, err: err.Error()})
			continue
		} else if err != nil {
			return nil, err
		}
		for _, p := range first.Periods {
			run, err := first, error(nil)
			if p != first.Period {
				run, err = qca.RunAnalysis(ctx, db, a, qca.RunOptions{Period: p})
			}
			switch {
			case errors.Is(err, qca.ErrInput):
				out = append(out, qcaRun{analysis: a, err: fmt.Sprintf("%s: %v", p, err)})
			case err != nil:
				return nil, err
			default:
				out = append(out, qcaRun{analysis: a, run: run})
			}
		}
	}
	return out, nil
}

// QCAArea is one analysis as it bears on one area in the pack's period: its
// truth-table row and the solution terms that cover it.
type QCAArea struct {
	Name, Label, Outcome string
	NotRun               string  // why the analysis did not run, or left the area out
	Config               string  // the area's configuration, "M1*~M2*M3*~LTO"
	Row                  int     // its truth-table row (0: none, a condition at exactly 0.5)
	Out                  string  // the row's outcome value: 1, 0
	Y                    float64 // the area's membership in the outcome
	Terms                []QCATerm
}

// QCATerm is a solution term that covers the area (membership above 0.5).
type QCATerm struct {
	Term, In string
	X        float64 // the area's membership in the term
	Deviant  bool    // in the term but out of the outcome: deviant for consistency
}

// qcaSection finds the area in each analysis of the pack's period.
func (p *Pack) qcaSection() {
	seen := map[string]bool{}
	for _, r := range p.data.QCA {
		a := r.analysis
		if r.run == nil {
			if !seen[a.Name] {
				seen[a.Name] = true
				p.QCA = append(p.QCA, QCAArea{Name: a.Name, Label: a.Label, Outcome: a.Outcome, NotRun: r.err})
			}
			continue
		}
		if int(r.run.Period) != p.Period {
			continue
		}
		seen[a.Name] = true
		p.QCA = append(p.QCA, areaInRun(r.run, p.Area.ID))
	}
}

// areaInRun is the area's place in one run.
func areaInRun(run *qca.Run, id string) QCAArea {
	a, st := run.Analysis, run.Data
	q := QCAArea{Name: a.Name, Label: a.Label, Outcome: st.Outcome}
	i := -1
	for k, c := range st.Cases {
		if c == id {
			i = k
		}
	}
	if i < 0 {
		q.NotRun = fmt.Sprintf("the area is not among its cases in %s (a value is missing)", schemas.Period(run.Period))
		return q
	}
	q.Y = st.Y[i]
	var lits []string
	for k, c := range st.Conditions {
		if st.Members[k][i] < 0.5 {
			c = "~" + c
		}
		lits = append(lits, c)
	}
	q.Config = strings.Join(lits, "*")
	for _, row := range run.Report.TruthTable {
		for _, c := range row.Cases {
			if c == id {
				q.Row, q.Out = row.Row, row.Out
			}
		}
	}
	for _, xy := range run.Result.XY() {
		if xy.X[i] > 0.5 {
			q.Terms = append(q.Terms, QCATerm{Term: xy.Term, In: strings.Join(xy.In, ", "), X: xy.X[i], Deviant: q.Y < 0.5})
		}
	}
	return q
}
