package qca

import "math"

// Fit holds the parameters of fit of a sufficient term or solution, as
// QCA::pof computes them:
//
//	inclS = Σ min(X,Y) / Σ X
//	PRI   = (Σ min(X,Y) − Σ min(X,Y,1−Y)) / (Σ X − Σ min(X,Y,1−Y))
//	covS  = Σ min(X,Y) / Σ Y
//
// CovU is a term's unique coverage within its model: the coverage of the
// model less the coverage of the model without the term. It is NaN for a
// solution, and for the only term of a model (QCA prints "-").
type Fit struct {
	InclS, PRI, CovS, CovU float64
}

func sufficiency(x, y []float64) Fit {
	var sx, sy, sxy, sxyn float64
	for i := range x {
		xy := math.Min(x[i], y[i])
		sx += x[i]
		sy += y[i]
		sxy += xy
		sxyn += math.Min(xy, 1-y[i])
	}
	return Fit{InclS: sxy / sx, PRI: (sxy - sxyn) / (sx - sxyn), CovS: sxy / sy, CovU: math.NaN()}
}

// Necessity holds the parameters of fit of a necessary condition (or
// disjunction) X for the outcome Y, as QCA::pof computes them:
//
//	inclN = Σ min(X,Y) / Σ Y
//	RoN   = Σ (1−X) / Σ (1 − min(X,Y))   (relevance of necessity)
//	covN  = Σ min(X,Y) / Σ X
type Necessity struct {
	Expression string
	InclN      float64
	RoN        float64
	CovN       float64
}

func necessity(expr string, x, y []float64) Necessity {
	var sx, sy, sxy, s1x, s1xy float64
	for i := range x {
		xy := math.Min(x[i], y[i])
		sx += x[i]
		sy += y[i]
		sxy += xy
		s1x += 1 - x[i]
		s1xy += 1 - xy
	}
	return Necessity{Expression: expr, InclN: sxy / sy, RoN: s1x / s1xy, CovN: sxy / sx}
}

// membership gives every case's membership in a sum of terms (the maximum
// over the terms).
func membership(st *SetTable, terms []Term) []float64 {
	out := make([]float64, len(st.Cases))
	for i := range out {
		m := 0.0
		for _, t := range terms {
			m = math.Max(m, t.Membership(st, i))
		}
		out[i] = m
	}
	return out
}

// NecessityTable tests each condition and its negation for necessity, then
// each expression the evaluator names (a sum of products such as "A + ~B").
func NecessityTable(st *SetTable, expressions []string) ([]Necessity, error) {
	var out []Necessity
	for k := range st.Conditions {
		for _, v := range []uint8{Present, Negated} {
			t := make(Term, len(st.Conditions))
			t[k] = v
			out = append(out, necessity(t.Format(st.Conditions), membership(st, []Term{t}), st.Y))
		}
	}
	for _, e := range expressions {
		terms, err := ParseExpression(e, st.Conditions)
		if err != nil {
			return nil, err
		}
		text := FormatExpression(terms, st.Conditions)
		if !hasExpression(out, text) {
			out = append(out, necessity(text, membership(st, terms), st.Y))
		}
	}
	return out, nil
}

func hasExpression(ns []Necessity, text string) bool {
	for _, n := range ns {
		if n.Expression == text {
			return true
		}
	}
	return false
}
