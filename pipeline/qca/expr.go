package qca

import (
	"math"
	"strings"
)

// A Term is a conjunction of conditions, one entry a condition in the set
// table's order: Absent (the condition does not appear), Negated (~A) or
// Present (A). The coding is QCA's implicant coding (0, 1, 2).
type Term []uint8

// The values of a Term's entries.
const (
	Absent  uint8 = 0
	Negated uint8 = 1
	Present uint8 = 2
)

// Literals is the number of conditions the term names.
func (t Term) Literals() int {
	n := 0
	for _, v := range t {
		if v != Absent {
			n++
		}
	}
	return n
}

// Format writes the term in the field's notation, conditions in the given
// order: DEV*~URB*LIT. A term naming no condition is written "1".
func (t Term) Format(names []string) string {
	var parts []string
	for k, v := range t {
		switch v {
		case Negated:
			parts = append(parts, "~"+names[k])
		case Present:
			parts = append(parts, names[k])
		}
	}
	if len(parts) == 0 {
		return "1"
	}
	return strings.Join(parts, "*")
}

// Covers reports whether the configuration (condition k is bit n-1-k, the
// first condition the most significant, as QCA numbers truth-table rows) is
// inside the term.
func (t Term) Covers(config uint32) bool {
	n := len(t)
	for k, v := range t {
		bit := config>>(uint(n-1-k))&1 == 1
		if (v == Present && !bit) || (v == Negated && bit) {
			return false
		}
	}
	return true
}

// Membership is a case's membership in the term: the minimum over its
// conditions of the membership (or one minus it, for a negated condition).
func (t Term) Membership(st *SetTable, i int) float64 {
	m := 1.0
	for k, v := range t {
		switch v {
		case Present:
			m = math.Min(m, st.Members[k][i])
		case Negated:
			m = math.Min(m, 1-st.Members[k][i])
		}
	}
	return m
}

// Subsumes reports whether every condition t names appears the same way in
// u (u is a subset of t).
func (t Term) Subsumes(u Term) bool {
	for k, v := range t {
		if v != Absent && u[k] != v {
			return false
		}
	}
	return true
}

// less is QCA's order of prime implicants: fewer conditions first, then
// condition by condition in the order given, a negated condition before a
// present one before an absent one.
func (t Term) less(u Term) bool {
	if a, b := t.Literals(), u.Literals(); a != b {
		return a < b
	}
	rank := func(v uint8) uint8 {
		if v == Absent {
			return 3
		}
		return v
	}
	for k := range t {
		if a, b := rank(t[k]), rank(u[k]); a != b {
			return a < b
		}
	}
	return false
}

// ParseTerm reads a conjunction such as "DEV*~IND" over the conditions
// names (matched exactly, else ignoring case).
func ParseTerm(s string, names []string) (Term, error) {
	t := make(Term, len(names))
	s = strings.TrimSpace(s)
	if s == "" {
		return nil, inputErr("an empty term: write conditions joined by * (e.g. DEV*~IND)")
	}
	for _, lit := range strings.Split(s, "*") {
		lit = strings.TrimSpace(lit)
		v := Present
		if strings.HasPrefix(lit, "~") {
			v, lit = Negated, strings.TrimSpace(lit[1:])
		}
		k := conditionIndex(lit, names)
		if k < 0 {
			return nil, inputErr("%q in %q is not one of the conditions (%s)", lit, s, strings.Join(names, ", "))
		}
		if t[k] != Absent && t[k] != v {
			return nil, inputErr("%q names %s both present and absent", s, names[k])
		}
		t[k] = v
	}
	return t, nil
}

// ParseExpression reads a sum of products such as "DEV*STB + ~IND".
func ParseExpression(s string, names []string) ([]Term, error) {
	var out []Term
	for _, part := range strings.Split(s, "+") {
		t, err := ParseTerm(part, names)
		if err != nil {
			return nil, err
		}
		out = append(out, t)
	}
	return out, nil
}

// FormatExpression writes terms joined by " + ".
func FormatExpression(terms []Term, names []string) string {
	parts := make([]string, len(terms))
	for i, t := range terms {
		parts[i] = t.Format(names)
	}
	return strings.Join(parts, " + ")
}

func conditionIndex(name string, names []string) int {
	for k, n := range names {
		if n == name {
			return k
		}
	}
	found := -1
	for k, n := range names {
		if strings.EqualFold(n, name) {
			if found >= 0 {
				return -1
			}
			found = k
		}
	}
	return found
}
