package cli

import (
	"bufio"
	"fmt"
	"io"
	"strconv"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/qca"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// d3 writes a fit as QCA prints it: three decimals, "-" where it does not
// apply.
func d3(n qca.Num) string {
	if f := float64(n); f == f {
		return strconv.FormatFloat(f, 'f', 3, 64)
	}
	return "-"
}

// writeQCAText writes the result for a person: settings, necessity, the
// truth table with its remainders, then each solution.
func writeQCAText(out io.Writer, rep *qca.Report) error {
	w := bufio.NewWriter(out)
	set := map[string]string{}
	for _, s := range rep.Settings {
		set[s.Key] = s.Value
	}
	fmt.Fprintf(w, "QCA of %s in %s (%s cases); conditions %s.\n", rep.Outcome, set["data"], set["cases"], strings.Join(rep.Conditions, ", "))
	fmt.Fprintf(w, "Cuts: incl %s, PRI %s, n %s. Notation: * and, ~ not, + or.\n", set["incl_cut"], set["pri_cut"], set["n_cut"])
	for _, s := range rep.Settings {
		if strings.HasPrefix(s.Key, "calibrate ") || strings.HasPrefix(s.Key, "column ") || s.Key == "calibration" {
			fmt.Fprintf(w, "%s: %s.\n", capital(s.Key), s.Value)
		}
	}
	for _, n := range rep.Notes {
		fmt.Fprintf(w, "Note: %s.\n", n)
	}
	fmt.Fprintf(w, "\nNecessity of each condition and its negation for %s (inclN consistency, RoN relevance, covN coverage):\n", rep.Outcome)
	nt := &tabular.Table{Columns: []string{"expression", "inclN", "RoN", "covN"}}
	for _, n := range rep.Necessity {
		nt.Rows = append(nt.Rows, []any{n.Expression, d3(n.InclN), d3(n.RoN), d3(n.CovN)})
	}
	if err := writeSection(w, nt); err != nil {
		return err
	}
	writeTruthTable(w, rep)
	for _, s := range rep.Solutions {
		writeSolution(w, rep, s)
	}
	return w.Flush()
}

func writeSection(w *bufio.Writer, t *tabular.Table) error {
	if err := w.Flush(); err != nil {
		return err
	}
	return tabular.Write(w, t, tabular.FormatTable)
}

func writeTruthTable(w *bufio.Writer, rep *qca.Report) {
	fmt.Fprintf(w, "\nTruth table (row: the configuration as a binary number, plus one; OUT 1: sufficient for %s at the cuts, 0: not; n: cases with membership above 0.5):\n", rep.Outcome)
	t := &tabular.Table{Columns: append(append([]string{"row"}, rep.Conditions...), "OUT", "n", "incl", "PRI", "cases")}
	var rem []string
	for _, r := range rep.TruthTable {
		if r.Out == "?" {
			rem = append(rem, strconv.Itoa(r.Row))
			if r.N == 0 {
				continue
			}
		}
		row := []any{strconv.Itoa(r.Row)}
		for _, v := range r.Values {
			row = append(row, strconv.Itoa(v))
		}
		t.Rows = append(t.Rows, append(row, r.Out, strconv.Itoa(r.N), d3(r.Incl), d3(r.PRI), strings.Join(r.Cases, ",")))
	}
	_ = writeSection(w, t)
	fmt.Fprintf(w, "Remainders (OUT ?: no case, or fewer than the n cut): %d rows: %s.\n", len(rem), strings.Join(rem, ", "))
}

var solutionTitles = map[string]string{
	qca.Conservative: "Conservative solution (no remainder used)",
	qca.Parsimonious: "Parsimonious solution (any remainder that simplifies may be used)",
	qca.Intermediate: "Intermediate solution (only remainders consistent with the directional expectations)",
}

func writeSolution(w *bufio.Writer, rep *qca.Report, s qca.SolutionReport) {
	t := &tabular.Table{Columns: []string{"term", "inclS", "PRI", "covS", "covU", "cases"}}
	var terms []string
	for _, tr := range s.Terms {
		term := tr.Term
		if !tr.Essential {
			term = "(" + term + ")"
		}
		terms = append(terms, term)
		t.Rows = append(t.Rows, []any{term, d3(tr.InclS), d3(tr.PRI), d3(tr.CovS), d3(tr.CovU), qca.CasesText(tr.Cases)})
	}
	t.Rows = append(t.Rows, []any{s.Model, d3(s.InclS), d3(s.PRI), d3(s.CovS), "", ""})
	fmt.Fprintf(w, "\n%s, %s: %s -> %s\n", solutionTitles[s.Solution], s.Model, strings.Join(terms, " + "), rep.Outcome)
	_ = writeSection(w, t)
	if len(s.Terms) > 0 && hasSelective(s) {
		fmt.Fprintln(w, "A term in brackets is in this model but not in every model.")
	}
	if len(s.Assumptions) > 0 {
		fmt.Fprintf(w, "Simplifying assumptions (remainders treated as if %s were present): rows %s.\n", rep.Outcome, ints(s.Assumptions))
	}
	if s.Solution == qca.Intermediate {
		fmt.Fprintf(w, "Easy counterfactuals used: %s.\n", orNone(ints(s.Counterfactuals)))
	}
}

func hasSelective(s qca.SolutionReport) bool {
	for _, t := range s.Terms {
		if !t.Essential {
			return true
		}
	}
	return false
}

func ints(xs []int) string {
	parts := make([]string, len(xs))
	for i, x := range xs {
		parts[i] = strconv.Itoa(x)
	}
	return strings.Join(parts, ", ")
}

func orNone(s string) string {
	if s == "" {
		return "none"
	}
	return "rows " + s
}

func capital(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}
