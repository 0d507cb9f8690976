package qca

import (
	"fmt"
	"strings"
	"testing"
)

// The expected values in this file are QCA's own printed output, copied
// from the R QCA package's test snapshots (Dusa; github.com/dusadrian/QCA,
// commit ee9fd13d8e49483f887cbe929d941e7706bd7a71):
//   - tests/testthat/_snaps/truthTable.md  (ttLC, Kro.tt and d.represent tables)
//   - tests/testthat/_snaps/minimize.md    (cLC, pLC, pLC$SA, ttLF, Kro.sp)
//   - tests/testthat/_snaps/pof.md         (pof(x, WNP), pof(1 - x, WNP))
// with the calls in tests/testthat/test-minimize.R: for example
// ttLF <- truthTable(LF, SURV, incl.cut = 0.7) and
// minimize(ttLF, include = "?", dir.exp = "1,1,1,1,1"). Each test names the
// call whose output it reproduces. The data are in testdata (see README.md).

// rowLine writes a truth-table row as QCA prints it with show.cases.
func rowLine(r Row) string {
	vals := make([]string, len(r.Values))
	for i, v := range r.Values {
		vals[i] = fmt.Sprint(v)
	}
	return fmt.Sprintf("%d %s %s %d %s %s %s", r.Number, strings.Join(vals, " "), r.Out, r.N, f3(r.Incl), f3(r.PRI), strings.Join(r.Cases, ","))
}

func observedLines(tt *TruthTable) []string {
	var out []string
	for _, r := range tt.Observed() {
		out = append(out, rowLine(r))
	}
	return out
}

// print(ttLC, show.cases = TRUE) in _snaps/truthTable.md.
func TestLipsetCrispTruthTable(t *testing.T) {
	tt := load(t, "lipset_crisp.csv", "SURV", "DEV,URB,LIT,IND,STB", DefaultCuts())
	checkLines(t, "ttLC", observedLines(tt), []string{
		"1 0 0 0 0 0 0 3 0.000 0.000 GR,PT,ES",
		"2 0 0 0 0 1 0 2 0.000 0.000 IT,RO",
		"5 0 0 1 0 0 0 2 0.000 0.000 HU,PL",
		"6 0 0 1 0 1 0 1 0.000 0.000 EE",
		"22 1 0 1 0 1 1 2 1.000 1.000 FI,IE",
		"23 1 0 1 1 0 0 1 0.000 0.000 AU",
		"24 1 0 1 1 1 1 2 1.000 1.000 FR,SE",
		"31 1 1 1 1 0 0 1 0.000 0.000 DE",
		"32 1 1 1 1 1 1 4 1.000 1.000 BE,CZ,NL,UK",
	})
	// truthTable(LC, SURV, complete = TRUE): the other 23 rows are remainders.
	rem := 0
	for _, r := range tt.Rows {
		if r.Remainder() {
			rem++
			if r.N != 0 {
				t.Errorf("remainder row %d has %d cases", r.Number, r.N)
			}
		}
	}
	if rem != 23 {
		t.Errorf("%d remainders, want 23", rem)
	}
}

// cLC, minimize(ttLC, details = TRUE, show.cases = TRUE), pLC and pLC$SA.
func TestLipsetCrispSolutions(t *testing.T) {
	tt := load(t, "lipset_crisp.csv", "SURV", "DEV,URB,LIT,IND,STB", DefaultCuts())
	res, err := Minimize(tt, Options{Solutions: []string{Conservative, Parsimonious}})
	if err != nil {
		t.Fatal(err)
	}
	checkLines(t, "conservative", solutionLines(solutionOf(t, res, Conservative)[0]), []string{
		"M1: DEV*~URB*LIT*STB + DEV*LIT*IND*STB",
		"DEV*~URB*LIT*STB 1.000 1.000 0.500 0.250 FI,IE; FR,SE",
		"DEV*LIT*IND*STB 1.000 1.000 0.750 0.500 FR,SE; BE,CZ,NL,UK",
		"M1 1.000 1.000 1.000",
	})
	pars := solutionOf(t, res, Parsimonious)[0]
	checkLines(t, "parsimonious", solutionLines(pars), []string{
		"M1: DEV*STB",
		"DEV*STB 1.000 1.000 1.000 - FI,IE; FR,SE; BE,CZ,NL,UK",
		"M1 1.000 1.000 1.000",
	})
	if got := fmt.Sprint(pars.Models[0].Assumptions); got != "[18 20 26 28 30]" {
		t.Errorf("pLC$SA rows %s, want [18 20 26 28 30]", got)
	}
}

// minimize(ttLCn) and minimize(ttLCn, include = "?", ...): the outcome's
// absence, ttLCn <- truthTable(LC, ~SURV).
func TestLipsetCrispNegated(t *testing.T) {
	tt := load(t, "lipset_crisp.csv", "SURV", "DEV,URB,LIT,IND,STB", DefaultCuts())
	ttn, err := NewTruthTable(tt.Data.Negated(), DefaultCuts())
	if err != nil {
		t.Fatal(err)
	}
	res, err := Minimize(ttn, Options{Solutions: []string{Conservative, Parsimonious}})
	if err != nil {
		t.Fatal(err)
	}
	if got := solutionOf(t, res, Conservative)[0].Models[0].Text(); got != "~DEV*~URB*~IND + DEV*LIT*IND*~STB" {
		t.Errorf("conservative for ~SURV: %s", got)
	}
	checkLines(t, "parsimonious ~SURV", solutionLines(solutionOf(t, res, Parsimonious)[0]), []string{
		"M1: ~DEV + ~STB",
		"~DEV 1.000 1.000 0.800 0.300 GR,PT,ES; IT,RO; HU,PL; EE",
		"~STB 1.000 1.000 0.700 0.200 GR,PT,ES; HU,PL; AU; DE",
		"M1 1.000 1.000 1.000",
	})
}

// minimize(ttLF, ...) with ttLF <- truthTable(LF, SURV, incl.cut = 0.7):
// conservative, parsimonious (include = "?") and intermediate
// (dir.exp = "1,1,1,1,1", printed "From C1P1").
func TestLipsetFuzzySolutions(t *testing.T) {
	tt := load(t, "lipset_fuzzy.csv", "SURV", "DEV,URB,LIT,IND,STB", cuts(0.7))
	// The configurations and cases are those of the crisp table (LC is LF
	// dichotomised at 0.5); rows 22, 24 and 32 pass incl.cut = 0.7, which is
	// what the conservative solution below rests on.
	var got []string
	for _, r := range tt.Observed() {
		got = append(got, fmt.Sprintf("%d %s %d %s", r.Number, r.Out, r.N, strings.Join(r.Cases, ",")))
	}
	checkLines(t, "ttLF rows", got, []string{
		"1 0 3 GR,PT,ES", "2 0 2 IT,RO", "5 0 2 HU,PL", "6 0 1 EE", "22 1 2 FI,IE",
		"23 0 1 AU", "24 1 2 FR,SE", "31 0 1 DE", "32 1 4 BE,CZ,NL,UK",
	})
	dir, err := ParseDirExp("1,1,1,1,1", tt.Data.Conditions)
	if err != nil {
		t.Fatal(err)
	}
	res, err := Minimize(tt, Options{DirExp: dir})
	if err != nil {
		t.Fatal(err)
	}
	checkLines(t, "conservative", solutionLines(solutionOf(t, res, Conservative)[0]), []string{
		"M1: DEV*~URB*LIT*STB + DEV*LIT*IND*STB",
		"DEV*~URB*LIT*STB 0.809 0.761 0.433 0.196 FI,IE; FR,SE",
		"DEV*LIT*IND*STB 0.843 0.821 0.622 0.385 FR,SE; BE,CZ,NL,UK",
		"M1 0.871 0.851 0.818",
	})
	checkLines(t, "parsimonious", solutionLines(solutionOf(t, res, Parsimonious)[0]), []string{
		"M1: DEV*STB",
		"DEV*STB 0.869 0.848 0.824 - FI,IE; FR,SE; BE,CZ,NL,UK",
		"M1 0.869 0.848 0.824",
	})
	in := solutionOf(t, res, Intermediate)
	if len(in) != 1 || in[0].Chart != "C1P1" {
		t.Fatalf("intermediate charts %d, want one (C1P1)", len(in))
	}
	checkLines(t, "intermediate", solutionLines(in[0]), []string{
		"M1: DEV*LIT*STB",
		"DEV*LIT*STB 0.869 0.848 0.824 - FI,IE; FR,SE; BE,CZ,NL,UK",
		"M1 0.869 0.848 0.824",
	})
}

// Krook (2010), QCA's d.represent: truthTable(d.represent, outcome = WNP)
// and Kro.sp <- minimize(d.represent, outcome = "WNP", include = "?",
// details = TRUE, show.cases = TRUE), whose two models M1 and M2 QCA prints
// with the unique coverage of each term in the (M1) and (M2) columns; and
// Kro.sc <- minimize(Kro.tt)'s conservative solution.
func TestKrookSolutions(t *testing.T) {
	tt := load(t, "krook_crisp.csv", "WNP", "ES,QU,WS,WM,LP", DefaultCuts())
	res, err := Minimize(tt, Options{})
	if err != nil {
		t.Fatal(err)
	}
	cons := solutionOf(t, res, Conservative)[0]
	if got := cons.Models[0].Text(); len(cons.Models) != 1 || got != "~ES*~WS*WM*LP + ES*QU*~WS*WM + ES*QU*~WS*LP + ES*WS*~WM*~LP + ES*WS*WM*LP" {
		t.Errorf("conservative: %d models, M1 %s", len(cons.Models), got)
	}
	pars := solutionOf(t, res, Parsimonious)[0]
	// Kro.sp$PIchart: the prime implicants in QCA's order.
	if got := FormatExpression(pars.PIs, tt.Data.Conditions); got != "WS + ~ES*LP + ES*WM + QU*LP + WM*LP + ES*~QU*~LP + ~QU*~WM*~LP" {
		t.Errorf("PI chart rows: %s", got)
	}
	checkLines(t, "Kro.sp", solutionLines(pars), []string{
		"M1: WS + ES*WM + QU*LP + ~ES*LP",
		"WS 1.000 1.000 0.455 0.182 FI; DK; SE; NO,IS",
		"ES*WM 1.000 1.000 0.545 0.091 DK; ES; NL,BE; NO,IS",
		"QU*LP 1.000 1.000 0.545 0.091 DE; AT; NL,BE; NO,IS",
		"~ES*LP 1.000 1.000 0.182 0.091 NZ; DE",
		"M1 1.000 1.000 1.000",
		"M2: WS + ES*WM + QU*LP + WM*LP",
		"WS 1.000 1.000 0.455 0.182 FI; DK; SE; NO,IS",
		"ES*WM 1.000 1.000 0.545 0.091 DK; ES; NL,BE; NO,IS",
		"QU*LP 1.000 1.000 0.545 0.091 DE; AT; NL,BE; NO,IS",
		"WM*LP 1.000 1.000 0.636 0.091 NZ; DE; DK; NL,BE; NO,IS",
		"M2 1.000 1.000 1.000",
	})
	// Kro.sp$SA
	if got := fmt.Sprint(pars.Models[0].Assumptions); got != "[2 5 6 7 8 10 13 14 15 16 19 20 22 23 30 31]" {
		t.Errorf("SA M1 %s", got)
	}
	if got := fmt.Sprint(pars.Models[1].Assumptions); got != "[5 6 7 8 10 13 14 15 16 19 20 22 23 30 31]" {
		t.Errorf("SA M2 %s", got)
	}
	for _, m := range pars.Models {
		for _, tr := range m.Terms {
			if tr.Essential != (tr.Text != "~ES*LP" && tr.Text != "WM*LP") {
				t.Errorf("%s: essential %v", tr.Text, tr.Essential)
			}
		}
	}
}

// pof(x, WNP) and pof(1 - x, WNP) in _snaps/pof.md: necessity of each
// condition and its negation for Krook's WNP.
func TestKrookNecessity(t *testing.T) {
	tt := load(t, "krook_crisp.csv", "WNP", "ES,QU,WS,WM,LP", DefaultCuts())
	nec, err := NecessityTable(tt.Data, nil)
	if err != nil {
		t.Fatal(err)
	}
	var got []string
	for _, n := range nec {
		got = append(got, strings.Join([]string{n.Expression, f3(n.InclN), f3(n.RoN), f3(n.CovN)}, " "))
	}
	checkLines(t, "necessity", got, []string{
		"ES 0.818 0.692 0.692", "~ES 0.182 0.650 0.222",
		"QU 0.727 0.429 0.500", "~QU 0.273 0.842 0.500",
		"WS 0.455 1.000 1.000", "~WS 0.545 0.312 0.353",
		"WM 0.727 0.571 0.571", "~WM 0.273 0.737 0.375",
		"LP 0.727 0.929 0.889", "~LP 0.273 0.474 0.231",
	})
}
