package qca

import (
	"fmt"
	"math"
	"os"
	"strings"
	"testing"
)

// load reads a set table from testdata and builds its truth table.
func load(t testing.TB, file, outcome, conditions string, cuts Cuts) *TruthTable {
	t.Helper()
	data, err := os.ReadFile("testdata/" + file)
	if err != nil {
		t.Fatal(err)
	}
	st, err := ReadCSV(file, data, CSVOptions{Case: "case", Outcome: outcome, Conditions: strings.Split(conditions, ",")})
	if err != nil {
		t.Fatal(err)
	}
	tt, err := NewTruthTable(st, cuts)
	if err != nil {
		t.Fatal(err)
	}
	return tt
}

func cuts(incl float64) Cuts { c := DefaultCuts(); c.Incl = incl; return c }

// f3 prints a fit as QCA does: three decimals, "-" where it does not apply.
func f3(v float64) string {
	if math.IsNaN(v) {
		return "-"
	}
	return fmt.Sprintf("%.3f", v)
}

// termLine writes a term as a row of QCA's printed table with show.cases:
// "DEV*STB 0.869 0.848 0.824 - FI,IE; FR,SE".
func termLine(tr TermResult) string {
	groups := make([]string, len(tr.Cases))
	for i, g := range tr.Cases {
		groups[i] = strings.Join(g, ",")
	}
	return strings.Join([]string{tr.Text, f3(tr.Fit.InclS), f3(tr.Fit.PRI), f3(tr.Fit.CovS), f3(tr.Fit.CovU), strings.Join(groups, "; ")}, " ")
}

func modelLine(m Model) string {
	return strings.Join([]string{m.Name, f3(m.Fit.InclS), f3(m.Fit.PRI), f3(m.Fit.CovS)}, " ")
}

// solutionLines writes every model of a solution: "M1: A + B", then its
// terms and its own fit.
func solutionLines(s Solution) []string {
	var out []string
	for _, m := range s.Models {
		out = append(out, m.Name+": "+m.Text())
		for _, tr := range m.Terms {
			out = append(out, termLine(tr))
		}
		out = append(out, modelLine(m))
	}
	return out
}

func checkLines(t *testing.T, what string, got, want []string) {
	t.Helper()
	if strings.Join(got, "\n") != strings.Join(want, "\n") {
		t.Errorf("%s:\ngot\n  %s\nwant\n  %s", what, strings.Join(got, "\n  "), strings.Join(want, "\n  "))
	}
}

func solutionOf(t *testing.T, res *Result, kind string) []Solution {
	t.Helper()
	var out []Solution
	for _, s := range res.Solutions {
		if s.Kind == kind {
			out = append(out, s)
		}
	}
	if len(out) == 0 {
		t.Fatalf("no %s solution", kind)
	}
	return out
}
