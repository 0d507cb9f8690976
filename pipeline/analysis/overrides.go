package analysis

import (
	"fmt"
	"regexp"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// Labels of the classification.
const Unclassified = "unclassified"

// Override is an evaluator's label for an area and period, with their reason.
type Override struct {
	Area      string // as written: an area id or name
	Period    int    // 0: every period
	Label     string // normalised: model 1, hybrid 1+2, unclassified
	Rationale string
	By        string // the evaluator's pseudonym, never their name
	Line      int
}

// Overrides is an overrides file.
type Overrides struct {
	File   string
	SHA256 string
	List   []*Override
}

var hybridRE = regexp.MustCompile(`^(?:hybrid\s*)?([123])\s*\+\s*([123])(?:\s*\+\s*([123]))?$`)

// NormaliseLabel turns what an evaluator writes ("2", "model 2", "1+2",
// "hybrid 2 + 1", "Unclassified") into a label of the classification, or "".
func NormaliseLabel(s string) string {
	s = strings.ToLower(strings.TrimSpace(s))
	if s == Unclassified {
		return s
	}
	if m := strings.TrimSpace(strings.TrimPrefix(s, "model")); m == "1" || m == "2" || m == "3" {
		return "model " + m
	}
	if m := hybridRE.FindStringSubmatch(s); m != nil {
		set := map[string]bool{m[1]: true, m[2]: true}
		if m[3] != "" {
			set[m[3]] = true
		}
		var ms []string
		for _, k := range []string{"1", "2", "3"} {
			if set[k] {
				ms = append(ms, k)
			}
		}
		if len(ms) < 2 {
			return ""
		}
		return "hybrid " + strings.Join(ms, "+")
	}
	return ""
}

// ReadOverrides reads an overrides file (CSV: area, period, label,
// rationale, evaluator). pseudonym replaces the evaluator's name.
func ReadOverrides(file string, data []byte, pseudonym func(name string) string) (*Overrides, error) {
	f, err := readCSV(ErrOverride, file, data, "area", "period", "label", "rationale", "evaluator")
	if err != nil {
		return nil, err
	}
	o := &Overrides{File: file, SHA256: f.SHA256}
	for _, row := range f.Rows {
		bad := func(col, val, format string, a ...any) error {
			return badInput(ErrOverride, file, row.Line, col, val, fmt.Sprintf(format, a...), nil)
		}
		ov := &Override{Area: f.Get(row, "area"), Rationale: f.Get(row, "rationale"), Line: row.Line}
		if ov.Area == "" {
			return nil, bad("area", "", "the area is empty")
		}
		switch p := f.Get(row, "period"); strings.ToLower(p) {
		case "", "all", "every", "all periods":
		default:
			y, ok := schemas.ParsePeriod(p)
			if !ok {
				return nil, bad("period", p, "the period must be a reporting year such as 2019-20 (or empty for every period), not %q", p)
			}
			ov.Period = int(y)
		}
		raw := f.Get(row, "label")
		if ov.Label = NormaliseLabel(raw); ov.Label == "" {
			return nil, bad("label", raw, "the label must be model 1, model 2, model 3, a hybrid such as hybrid 1+2, or unclassified, not %q", raw)
		}
		if ov.Rationale == "" {
			return nil, bad("rationale", "", "an override needs a rationale: say why the evidence points elsewhere")
		}
		name := f.Get(row, "evaluator")
		if name == "" {
			return nil, bad("evaluator", "", "an override needs the evaluator who made it (stored only as a pseudonym)")
		}
		ov.By = pseudonym(name)
		o.List = append(o.List, ov)
	}
	return o, nil
}
