package qca

import (
	"fmt"
	"strings"
)

// intermediate derives an intermediate solution for every pair of a
// conservative model Ci and a parsimonious model Pj, as QCA::minimize does
// (its C function getEC):
//
// For every conservative term C and parsimonious term P that is a superset
// of it, the term kept is C less each condition that P does not name and
// whose value in C goes against a directional expectation for that
// condition (no expectation: the condition stays). A conjunctural
// expectation (~LIT*IND) drops C's conditions it names, outside P, unless C
// agrees with all of them. (QCA computes the conjunctural rule from C afresh
// for each conjunction, so when conjunctions are given the last one decides
// and single-condition expectations do not add to it; obs does the same, to
// give QCA's results.) The easy counterfactuals are Pj's simplifying
// assumptions inside the kept terms; the intermediate solution minimises the
// positive configurations together with them, with the chart on the
// positive configurations.
func intermediate(tt *TruthTable, dirExp []Term, cons, pars Solution, isPos []bool, positives []uint32) []Solution {
	var ide, cde []Term
	for _, d := range dirExp {
		switch d.Literals() {
		case 0:
		case 1:
			ide = append(ide, d)
		default:
			cde = append(cde, d)
		}
	}
	var out []Solution
	for ci, cm := range cons.Models {
		for pj, pm := range pars.Models {
			ec := map[int]bool{}
			for _, ct := range cm.Terms {
				for _, pt := range pm.Terms {
					if !pt.Term.Subsumes(ct.Term) {
						continue
					}
					kept := keptTerm(ct.Term, pt.Term, ide, cde)
					for _, row := range pm.Assumptions {
						if kept.Covers(uint32(row - 1)) {
							ec[row] = true
						}
					}
				}
			}
			allowed := append([]bool(nil), isPos...)
			var rows []int
			for _, row := range pm.Assumptions {
				if ec[row] {
					allowed[row-1] = true
					rows = append(rows, row)
				}
			}
			s := solve(tt, allowed, isPos, positives)
			s.Kind, s.Chart, s.Counterfactuals = Intermediate, fmt.Sprintf("C%dP%d", ci+1, pj+1), rows
			out = append(out, s)
		}
	}
	return out
}

// keptTerm applies the directional expectations to the conservative term c
// under the parsimonious term p.
func keptTerm(c, p Term, ide, cde []Term) Term {
	res := append(Term(nil), c...)
	free := func(k int) bool { return c[k] != Absent && p[k] == Absent }
	if len(ide) > 0 {
		for k := range c {
			if !free(k) {
				continue
			}
			named, agree := false, false
			for _, d := range ide {
				if d[k] != Absent {
					named = true
					agree = agree || d[k] == c[k]
				}
			}
			if named && !agree {
				res[k] = Absent
			}
		}
	}
	for _, d := range cde {
		res = append(res[:0], c...)
		all := true
		for k := range c {
			if free(k) && d[k] != Absent {
				all = all && d[k] == c[k]
			}
		}
		if !all {
			for k := range c {
				if free(k) && d[k] != Absent {
					res[k] = Absent
				}
			}
		}
	}
	return res
}

// ParseDirExp reads directional expectations as QCA::minimize's dir.exp:
// comma-separated terms (DEV, ~IND, ~LIT*IND), or QCA's older form of one
// value a condition in order (1 present, 0 absent, - none: "1,1,0,-").
func ParseDirExp(s string, names []string) ([]Term, error) {
	var parts []string
	for _, p := range splitComma(s) {
		if p = strings.TrimSpace(p); p != "" {
			parts = append(parts, p)
		}
	}
	positional := len(parts) == len(names)
	for _, p := range parts {
		if p != "0" && p != "1" && p != "-" {
			positional = false
		}
	}
	var out []Term
	for k, p := range parts {
		if positional {
			t := make(Term, len(names))
			switch p {
			case "1":
				t[k] = Present
			case "0":
				t[k] = Negated
			default:
				continue
			}
			out = append(out, t)
			continue
		}
		t, err := ParseTerm(p, names)
		if err != nil {
			return nil, fmt.Errorf("--dir-exp: %w", err)
		}
		out = append(out, t)
	}
	return out, nil
}

func splitComma(s string) []string {
	return strings.FieldsFunc(s, func(r rune) bool { return r == ',' || r == ';' })
}
