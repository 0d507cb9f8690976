package analysis

import (
	"fmt"
	"math"
	"regexp"
	"strconv"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// Indicator is one rubric line: a figure and the three anchors that
// calibrate it to a membership of its model.
type Indicator struct {
	Model      int    // 1, 2 or 3
	Name       string // short id, unique within the model
	Expression string // SQL expression over area_facts, or a .sql file
	File       string // the .sql file's contents when Expression names one
	FileName   string // the .sql file's path, for messages
	Non        float64
	Cross      float64
	Full       float64
	Label      string
	Line       int // line in the rubric file
}

// IsFile reports whether the indicator's figure comes from a .sql file.
func (in *Indicator) IsFile() bool { return strings.HasSuffix(strings.ToLower(in.Expression), ".sql") }

// Rubric is the classification rubric.
type Rubric struct {
	File       string
	SHA256     string
	Indicators []*Indicator
}

var indicatorRE = regexp.MustCompile(`^[A-Za-z0-9_ .-]+$`)

// ReadRubric reads a rubric (CSV: model, indicator, expression,
// full_non_membership, crossover, full_membership, label). readFile reads a
// .sql file an expression names, relative to the rubric.
func ReadRubric(file string, data []byte, readFile func(name string) (path string, text []byte, err error)) (*Rubric, error) {
	f, err := readCSV(ErrRubric, file, data, "model", "indicator", "expression", "full_non_membership", "crossover", "full_membership")
	if err != nil {
		return nil, err
	}
	r := &Rubric{File: file, SHA256: f.SHA256}
	seen := map[string]int{}
	for _, row := range f.Rows {
		in := &Indicator{Line: row.Line, Label: f.Get(row, "label")}
		bad := func(col, val, format string, a ...any) error {
			return badInput(ErrRubric, file, row.Line, col, val, fmt.Sprintf(format, a...), nil)
		}
		m := strings.TrimSpace(strings.TrimPrefix(strings.ToLower(f.Get(row, "model")), "model"))
		switch m {
		case "1", "2", "3":
			in.Model = int(m[0] - '0')
		default:
			return nil, bad("model", f.Get(row, "model"), "the model must be 1, 2 or 3, not %q", f.Get(row, "model"))
		}
		in.Name = f.Get(row, "indicator")
		if in.Name == "" || !indicatorRE.MatchString(in.Name) {
			return nil, bad("indicator", in.Name, "the indicator needs a short name (letters, digits, spaces, _ - .), not %q", in.Name)
		}
		key := fmt.Sprintf("%d/%s", in.Model, strings.ToLower(in.Name))
		if l, dup := seen[key]; dup {
			return nil, bad("indicator", in.Name, "model %d has the indicator %q twice (also on line %d)", in.Model, in.Name, l)
		}
		seen[key] = row.Line
		in.Expression = f.Get(row, "expression")
		if in.Expression == "" {
			return nil, bad("expression", "", "the expression is empty: give a formula over the facts in queries/defaults/facts.sql (e.g. decisions_partnership / decisions) or the name of a .sql file")
		}
		if strings.Contains(in.Expression, ";") {
			return nil, bad("expression", in.Expression, "the expression must be one formula, without ;")
		}
		if in.IsFile() {
			p, text, err := readFile(in.Expression)
			if err != nil {
				return nil, badInput(ErrRubric, file, row.Line, "expression", in.Expression, fmt.Sprintf("cannot read the indicator's file %s", in.Expression), err)
			}
			in.FileName, in.File = p, string(text)
		}
		anchors := []*float64{&in.Non, &in.Cross, &in.Full}
		for i, col := range []string{"full_non_membership", "crossover", "full_membership"} {
			raw := f.Get(row, col)
			v, err := strconv.ParseFloat(strings.ReplaceAll(raw, ",", ""), 64)
			if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
				return nil, bad(col, raw, "the anchor %s must be a number, not %q", col, raw)
			}
			*anchors[i] = v
		}
		if !(in.Non < in.Cross && in.Cross < in.Full) && !(in.Non > in.Cross && in.Cross > in.Full) {
			return nil, bad("crossover", "", "the anchors are out of order: full_non_membership %g, crossover %g, full_membership %g; the crossover must lie strictly between the other two (ascending when a high value is membership, descending when a low value is)",
				in.Non, in.Cross, in.Full)
		}
		if in.Label == "" {
			in.Label = in.Name
		}
		r.Indicators = append(r.Indicators, in)
	}
	for m := 1; m <= 3; m++ {
		if !r.has(m) {
			return nil, inputErr(ErrRubric, file, 0, "the rubric has no indicator for model %d (%s): every model needs at least one", m, schemas.ModelName(m))
		}
	}
	return r, nil
}

func (r *Rubric) has(model int) bool {
	for _, in := range r.Indicators {
		if in.Model == model {
			return true
		}
	}
	return false
}
