package qca

import (
	"fmt"
	"math"
	"strings"
)

// The kinds of solution.
const (
	Conservative = "conservative"
	Parsimonious = "parsimonious"
	Intermediate = "intermediate"
)

// Options choose the solutions and the directional expectations.
type Options struct {
	// Solutions lists the kinds wanted (Conservative, Parsimonious,
	// Intermediate); empty means all three.
	Solutions []string
	// DirExp are the directional expectations for the intermediate
	// solution, as QCA::minimize's dir.exp: each term a condition expected
	// to contribute when present (DEV) or absent (~IND), or a conjunction
	// expected to contribute together (~LIT*IND).
	DirExp []Term
}

// Wants reports whether the kind of solution is asked for.
func (o Options) Wants(kind string) bool {
	if len(o.Solutions) == 0 {
		return true
	}
	for _, s := range o.Solutions {
		if s == kind {
			return true
		}
	}
	return false
}

// TermResult is one term of a model with its fit and cases.
type TermResult struct {
	Term      Term
	Text      string
	Essential bool // in every model of the solution
	Fit       Fit
	// Cases are the cases of the positive truth-table rows the term covers,
	// one group per row (ascending row number), as QCA prints them
	// ("FI,IE; FR,SE").
	Cases [][]string
}

// Model is one minimal sum of terms: essential terms first, then the
// others, each group in QCA's order of prime implicants.
type Model struct {
	Name  string // M1, M2, …
	Terms []TermResult
	Fit   Fit
	// Assumptions are the remainders a parsimonious model treats as if the
	// outcome were present (its simplifying assumptions), by row number.
	Assumptions []int
}

// Text is the model in the field's notation: "A*B + ~C".
func (m Model) Text() string {
	parts := make([]string, len(m.Terms))
	for i, t := range m.Terms {
		parts[i] = t.Text
	}
	return strings.Join(parts, " + ")
}

// Solution is one kind of solution with all its minimal models.
type Solution struct {
	Kind string
	// Chart names the intermediate solution's pair of conservative and
	// parsimonious models ("C1P1"), as QCA prints "From C1P1"; "" otherwise.
	Chart string
	// PIs are the prime implicants of the chart, in QCA's order.
	PIs    []Term
	Models []Model
	// Cut reports that there were more than MaxModels minimal models.
	Cut bool
	// Counterfactuals are, for an intermediate solution, the easy
	// counterfactuals (remainders consistent with the directional
	// expectations) it used, by row number.
	Counterfactuals []int
}

// Result is a whole analysis.
type Result struct {
	TruthTable *TruthTable
	Options    Options
	Solutions  []Solution
	// Notes say what the evaluator should know of the result (a solution
	// not derived, models left out).
	Notes []string
}

// Minimize minimises the truth table's positive configurations to the
// solutions asked for.
func Minimize(tt *TruthTable, opt Options) (*Result, error) {
	n := len(tt.Data.Conditions)
	positives := tt.configs("1")
	if len(positives) == 0 {
		return nil, inputErr("no configuration passes the cuts (incl %g, PRI %g, n %d), so there is nothing to explain; look at the truth table and lower --incl-cut or --n-cut if that is justified", tt.Cuts.Incl, tt.Cuts.PRI, tt.Cuts.N)
	}
	for _, d := range opt.DirExp {
		if len(d) != n {
			return nil, inputErr("a directional expectation does not match the conditions")
		}
	}
	isPos := make([]bool, 1<<n)
	for _, c := range positives {
		isPos[c] = true
	}
	remainders := make([]bool, 1<<n)
	for _, c := range tt.configs("?") {
		remainders[c] = true
	}
	res := &Result{TruthTable: tt, Options: opt}
	cons := solve(tt, isPos, isPos, positives)
	cons.Kind = Conservative
	pars := solve(tt, or(isPos, remainders), isPos, positives)
	pars.Kind = Parsimonious
	for i := range pars.Models {
		pars.Models[i].Assumptions = assumptions(pars.Models[i], remainders)
	}
	if opt.Wants(Conservative) {
		res.Solutions = append(res.Solutions, cons)
	}
	if opt.Wants(Parsimonious) {
		res.Solutions = append(res.Solutions, pars)
	}
	switch {
	case opt.Wants(Intermediate) && len(opt.DirExp) > 0:
		res.Solutions = append(res.Solutions, intermediate(tt, opt.DirExp, cons, pars, isPos, positives)...)
	case opt.Wants(Intermediate) && len(opt.Solutions) > 0:
		return nil, inputErr("the intermediate solution needs directional expectations: give --dir-exp (e.g. --dir-exp DEV,URB,~IND)")
	case opt.Wants(Intermediate):
		res.Notes = append(res.Notes, "no intermediate solution: it needs directional expectations (--dir-exp)")
	}
	for _, s := range res.Solutions {
		if s.Cut {
			res.Notes = append(res.Notes, fmt.Sprintf("the %s solution %shas more than %d minimal models; only the first %d are listed", s.Kind, s.Chart+" ", MaxModels, MaxModels))
		}
	}
	return res, nil
}

func or(a, b []bool) []bool {
	out := make([]bool, len(a))
	for i := range a {
		out[i] = a[i] || b[i]
	}
	return out
}

// solve finds the prime implicants of the allowed configurations, solves
// the chart on the positive ones and fits every model.
func solve(tt *TruthTable, allowed, isPos []bool, positives []uint32) Solution {
	n := len(tt.Data.Conditions)
	pis := primeImplicants(n, allowed, isPos)
	ch := newChart(pis, positives)
	covers, cut := ch.minimalCovers()
	sol := Solution{PIs: pis, Cut: cut}
	inAll := map[int]int{}
	for _, m := range covers {
		for _, p := range m {
			inAll[p]++
		}
	}
	memb := map[int][]float64{} // each PI's memberships, computed once
	for mi, m := range covers {
		model := Model{Name: fmt.Sprintf("M%d", mi+1)}
		var ess, rest []int
		for _, p := range m {
			if _, ok := memb[p]; !ok {
				memb[p] = membership(tt.Data, []Term{pis[p]})
			}
			if inAll[p] == len(covers) {
				ess = append(ess, p)
			} else {
				rest = append(rest, p)
			}
		}
		var vecs [][]float64
		for _, p := range append(ess, rest...) {
			model.Terms = append(model.Terms, TermResult{Term: pis[p], Text: pis[p].Format(tt.Data.Conditions),
				Essential: inAll[p] == len(covers), Cases: termCases(tt, pis[p])})
			vecs = append(vecs, memb[p])
		}
		fitModel(tt.Data.Y, &model, vecs)
		sol.Models = append(sol.Models, model)
	}
	return sol
}

// termCases lists the cases of the positive rows the term covers, a group a
// row.
func termCases(tt *TruthTable, t Term) [][]string {
	var out [][]string
	for _, r := range tt.Rows {
		if r.Out == "1" && r.N > 0 && t.Covers(r.Config) {
			out = append(out, r.Cases)
		}
	}
	return out
}

// fitModel computes the fit of every term (vecs: each term's memberships)
// and of the model.
func fitModel(y []float64, m *Model, vecs [][]float64) {
	m.Fit = sufficiency(maxOf(vecs, -1), y)
	for i := range m.Terms {
		m.Terms[i].Fit = sufficiency(vecs[i], y)
		if len(vecs) > 1 {
			m.Terms[i].Fit.CovU = m.Fit.CovS - sufficiency(maxOf(vecs, i), y).CovS
		}
	}
}

// maxOf is the case-wise maximum of the vectors, leaving out number skip.
func maxOf(vecs [][]float64, skip int) []float64 {
	out := make([]float64, len(vecs[0]))
	for j, v := range vecs {
		if j == skip {
			continue
		}
		for i, x := range v {
			out[i] = math.Max(out[i], x)
		}
	}
	return out
}

// assumptions lists the remainders the model covers, by row number.
func assumptions(m Model, remainders []bool) []int {
	var out []int
	for c, r := range remainders {
		if !r {
			continue
		}
		for _, t := range m.Terms {
			if t.Term.Covers(uint32(c)) {
				out = append(out, c+1)
				break
			}
		}
	}
	return out
}
