package qca

import (
	"fmt"
	"math/rand"
	"sort"
	"strings"
	"testing"
)

// randomTable makes a seeded fuzzy set table whose outcome follows two
// conjunctions of its conditions, with noise.
func randomTable(r *rand.Rand, nCond, nCases int) *SetTable {
	st := &SetTable{Source: "random", Outcome: "Y"}
	for k := 0; k < nCond; k++ {
		st.Conditions = append(st.Conditions, fmt.Sprintf("C%d", k+1))
		st.Members = append(st.Members, make([]float64, nCases))
	}
	for i := 0; i < nCases; i++ {
		st.Cases = append(st.Cases, fmt.Sprintf("case%d", i+1))
		for k := range st.Members {
			v := r.Float64()
			if v == 0.5 {
				v = 0.6
			}
			st.Members[k][i] = v
		}
		a := min(st.Members[0][i], st.Members[1][i])
		b := min(1-st.Members[2][i], st.Members[nCond-1][i])
		y := max(a, b) + (r.Float64()-0.5)*0.3
		st.Y = append(st.Y, max(0, min(1, y)))
	}
	return st
}

func modelSet(m Model, order []int, names []string) string {
	var terms []string
	for _, tr := range m.Terms {
		t := make(Term, len(tr.Term))
		for k, v := range tr.Term {
			t[order[k]] = v
		}
		terms = append(terms, t.Format(names))
	}
	sort.Strings(terms)
	return strings.Join(terms, " + ")
}

func solutionSet(s Solution, order []int, names []string) string {
	var ms []string
	for _, m := range s.Models {
		ms = append(ms, modelSet(m, order, names))
	}
	sort.Strings(ms)
	return strings.Join(ms, " | ")
}

func TestProperties(t *testing.T) {
	r := rand.New(rand.NewSource(20261130))
	checked := 0
	for iter := 0; iter < 60; iter++ {
		nCond := 3 + r.Intn(4)
		st := randomTable(r, nCond, 10+r.Intn(25))
		tt, err := NewTruthTable(st, cuts(0.75))
		if err != nil {
			t.Fatal(err)
		}
		dir := make([]Term, 0, nCond)
		for k := 0; k < nCond; k++ {
			d := make(Term, nCond)
			d[k] = Present
			if r.Intn(3) == 0 {
				d[k] = Negated
			}
			dir = append(dir, d)
		}
		res, err := Minimize(tt, Options{DirExp: dir})
		if err != nil {
			continue // nothing passes the cut in this draw
		}
		checked++
		cons := solutionOf(t, res, Conservative)[0]
		pars := solutionOf(t, res, Parsimonious)[0]
		// A conservative term is inside some parsimonious prime implicant.
		for _, m := range cons.Models {
			for _, ct := range m.Terms {
				inside := false
				for _, p := range pars.PIs {
					inside = inside || p.Subsumes(ct.Term)
				}
				if !inside {
					t.Errorf("iteration %d: conservative term %s is in no parsimonious term", iter, ct.Text)
				}
			}
		}
		// Every positive row is covered by every model of every solution,
		// and no model covers a negative row.
		for _, s := range res.Solutions {
			for _, m := range s.Models {
				for _, row := range tt.Rows {
					covered := false
					for _, tr := range m.Terms {
						covered = covered || tr.Term.Covers(row.Config)
					}
					if row.Out == "1" && !covered {
						t.Errorf("iteration %d: %s %s %s leaves row %d uncovered", iter, s.Kind, s.Chart, m.Name, row.Number)
					}
					if row.Out == "0" && covered {
						t.Errorf("iteration %d: %s %s %s covers negative row %d", iter, s.Kind, s.Chart, m.Name, row.Number)
					}
				}
			}
		}
		// Permuting the order of the conditions changes no term.
		perm := r.Perm(nCond)
		pst := &SetTable{Source: st.Source, Cases: st.Cases, Outcome: st.Outcome, Y: st.Y}
		order := make([]int, nCond) // order[k'] = original index of permuted condition k'
		for k2, k := range perm {
			pst.Conditions = append(pst.Conditions, st.Conditions[k])
			pst.Members = append(pst.Members, st.Members[k])
			order[k2] = k
		}
		pdir := make([]Term, len(dir))
		for i, d := range dir {
			pdir[i] = make(Term, nCond)
			for k2, k := range perm {
				pdir[i][k2] = d[k]
			}
		}
		ptt, err := NewTruthTable(pst, cuts(0.75))
		if err != nil {
			t.Fatal(err)
		}
		pres, err := Minimize(ptt, Options{DirExp: pdir})
		if err != nil {
			t.Fatal(err)
		}
		identity := make([]int, nCond)
		for k := range identity {
			identity[k] = k
		}
		for _, kind := range []string{Conservative, Parsimonious, Intermediate} {
			var a, b []string
			for _, s := range solutionOf(t, res, kind) {
				a = append(a, solutionSet(s, identity, st.Conditions))
			}
			for _, s := range solutionOf(t, pres, kind) {
				b = append(b, solutionSet(s, order, st.Conditions))
			}
			sort.Strings(a)
			sort.Strings(b)
			if strings.Join(a, "\n") != strings.Join(b, "\n") {
				t.Errorf("iteration %d: %s differs under the order %v:\n%s\nvs\n%s", iter, kind, perm, a, b)
			}
		}
	}
	if checked < 30 {
		t.Fatalf("only %d of 60 random tables had a configuration to explain", checked)
	}
}
