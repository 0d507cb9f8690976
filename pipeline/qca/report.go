package qca

import (
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
)

// Num is a fit value that writes NaN (a fit that does not apply) as JSON
// null.
type Num float64

// MarshalJSON writes the number with every digit, or null.
func (n Num) MarshalJSON() ([]byte, error) {
	if math.IsNaN(float64(n)) || math.IsInf(float64(n), 0) {
		return []byte("null"), nil
	}
	return []byte(strconv.FormatFloat(float64(n), 'g', -1, 64)), nil
}

// Setting is one of the settings that produced a result.
type Setting struct {
	Key   string `json:"key"`
	Value string `json:"value"`
}

// Settings lists what produced a result: the data, the outcome and
// conditions, the calibrations and log-odds, the cuts and the directional
// expectations.
func Settings(st *SetTable, cuts Cuts, opt Options) []Setting {
	s := []Setting{
		{"data", st.Source},
		{"outcome", st.Outcome},
		{"conditions", strings.Join(st.Conditions, ",")},
		{"cases", strconv.Itoa(len(st.Cases))},
		{"incl_cut", strconv.FormatFloat(cuts.Incl, 'g', -1, 64)},
		{"pri_cut", strconv.FormatFloat(cuts.PRI, 'g', -1, 64)},
		{"n_cut", strconv.Itoa(cuts.N)},
		{"solutions", strings.Join(wanted(opt), ",")},
		{"dir_exp", FormatExpression(opt.DirExp, st.Conditions)},
		{"minimisation", "exact: every prime implicant, every cover with the fewest prime implicants (as R's QCA::minimize with all.sol = FALSE, row.dom = FALSE)"},
	}
	if len(opt.DirExp) == 0 {
		s[8].Value = "(none)"
	}
	var names []string
	for name := range st.Calibrated {
		names = append(names, name)
	}
	sort.Strings(names)
	for _, name := range names {
		a := st.Calibrated[name]
		s = append(s, Setting{"calibrate " + name, fmt.Sprintf("exclusion %g, crossover %g, inclusion %g", a.Exclusion, a.Crossover, a.Inclusion)})
	}
	if len(names) > 0 {
		s = append(s, Setting{"logodds", string(st.LogOdds)}, Setting{"calibration", st.LogOdds.Describe()})
	}
	return s
}

func wanted(opt Options) []string {
	var out []string
	for _, k := range []string{Conservative, Parsimonious, Intermediate} {
		if opt.Wants(k) && (k != Intermediate || len(opt.DirExp) > 0) {
			out = append(out, k)
		}
	}
	return out
}

// Report is a whole result as data (for JSON and the database).
type Report struct {
	Settings   []Setting         `json:"settings"`
	Outcome    string            `json:"outcome"`
	Conditions []string          `json:"conditions"`
	Necessity  []NecessityReport `json:"necessity"`
	TruthTable []RowReport       `json:"truth_table"`
	Solutions  []SolutionReport  `json:"solutions"`
	Notes      []string          `json:"notes,omitempty"`
}

// NecessityReport is one line of the necessity table.
type NecessityReport struct {
	Expression string `json:"expression"`
	InclN      Num    `json:"inclN"`
	RoN        Num    `json:"RoN"`
	CovN       Num    `json:"covN"`
}

// RowReport is one truth-table row.
type RowReport struct {
	Row    int      `json:"row"`
	Values []int    `json:"values"`
	Out    string   `json:"OUT"`
	N      int      `json:"n"`
	Incl   Num      `json:"incl"`
	PRI    Num      `json:"PRI"`
	Cases  []string `json:"cases"`
}

// SolutionReport is one model of a solution with its terms.
type SolutionReport struct {
	Solution string       `json:"solution"`
	Model    string       `json:"model"`
	Text     string       `json:"expression"`
	InclS    Num          `json:"inclS"`
	PRI      Num          `json:"PRI"`
	CovS     Num          `json:"covS"`
	Terms    []TermReport `json:"terms"`
	// Assumptions (parsimonious) and Counterfactuals (intermediate) are
	// remainder rows, by number.
	Assumptions     []int `json:"simplifying_assumptions,omitempty"`
	Counterfactuals []int `json:"easy_counterfactuals,omitempty"`
}

// TermReport is one term of a model.
type TermReport struct {
	Term      string     `json:"term"`
	Essential bool       `json:"essential"`
	InclS     Num        `json:"inclS"`
	PRI       Num        `json:"PRI"`
	CovS      Num        `json:"covS"`
	CovU      Num        `json:"covU"`
	Cases     [][]string `json:"cases"`
}

// ModelName is the model's name as printed: "M1", or "C1P2 M1" for an
// intermediate solution when there is more than one pair of conservative and
// parsimonious models.
func (r *Result) ModelName(s Solution, m Model) string {
	charts := 0
	for _, x := range r.Solutions {
		if x.Kind == Intermediate {
			charts++
		}
	}
	if s.Kind == Intermediate && charts > 1 {
		return s.Chart + " " + m.Name
	}
	return m.Name
}

// NewReport puts a result, its necessity table and settings together.
func NewReport(res *Result, nec []Necessity, settings []Setting) *Report {
	st := res.TruthTable.Data
	rep := &Report{Settings: settings, Outcome: st.Outcome, Conditions: st.Conditions, Notes: res.Notes}
	for _, n := range nec {
		rep.Necessity = append(rep.Necessity, NecessityReport{n.Expression, Num(n.InclN), Num(n.RoN), Num(n.CovN)})
	}
	for _, r := range res.TruthTable.Rows {
		rep.TruthTable = append(rep.TruthTable, RowReport{r.Number, r.Values, r.Out, r.N, Num(r.Incl), Num(r.PRI), r.Cases})
	}
	for _, s := range res.Solutions {
		for _, m := range s.Models {
			sr := SolutionReport{Solution: s.Kind, Model: res.ModelName(s, m), Text: m.Text(),
				InclS: Num(m.Fit.InclS), PRI: Num(m.Fit.PRI), CovS: Num(m.Fit.CovS),
				Assumptions: m.Assumptions, Counterfactuals: s.Counterfactuals}
			for _, t := range m.Terms {
				sr.Terms = append(sr.Terms, TermReport{t.Text, t.Essential, Num(t.Fit.InclS), Num(t.Fit.PRI), Num(t.Fit.CovS), Num(t.Fit.CovU), t.Cases})
			}
			rep.Solutions = append(rep.Solutions, sr)
		}
	}
	return rep
}

// CasesText writes a term's cases as QCA prints them: "FI,IE; FR,SE".
func CasesText(groups [][]string) string {
	parts := make([]string, len(groups))
	for i, g := range groups {
		parts[i] = strings.Join(g, ",")
	}
	return strings.Join(parts, "; ")
}
