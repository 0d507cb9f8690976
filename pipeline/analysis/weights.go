package analysis

import (
	"fmt"
	"strconv"
	"strings"
)

// Weights are the composite's weights, one per definition.
type Weights struct {
	File     string
	SHA256   string
	W        map[string]float64
	Unlisted []string // definitions the file does not list: weight 0
}

// EqualWeights gives every definition weight 1.
func EqualWeights(defs *Definitions) *Weights {
	w := &Weights{File: "(equal weights)", W: map[string]float64{}}
	for _, d := range defs.Defs {
		w.W[d.Name] = 1
	}
	return w
}

// ReadWeights reads a weights file (CSV: definition, weight). A definition it
// does not list gets weight 0 (and is reported in Unlisted).
func ReadWeights(file string, data []byte, defs *Definitions) (*Weights, error) {
	f, err := readCSV(ErrWeights, file, data, "definition", "weight")
	if err != nil {
		return nil, err
	}
	w := &Weights{File: file, SHA256: f.SHA256, W: map[string]float64{}}
	lines := map[string]int{}
	total := 0.0
	for _, r := range f.Rows {
		name := strings.ToLower(f.Get(r, "definition"))
		if defs.ByName(name) == nil {
			return nil, badInput(ErrWeights, file, r.Line, "definition", name, fmt.Sprintf("there is no definition %q; the definitions are %s", name, strings.Join(defs.Names(), ", ")), nil)
		}
		if l, dup := lines[name]; dup {
			return nil, inputErr(ErrWeights, file, r.Line, "%s is weighted twice (also on line %d)", name, l)
		}
		lines[name] = r.Line
		raw := f.Get(r, "weight")
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil || v < 0 || v != v || v > 1e9 {
			return nil, badInput(ErrWeights, file, r.Line, "weight", raw, fmt.Sprintf("the weight of %s must be a number, 0 or more, not %q", name, raw), nil)
		}
		w.W[name] = v
		total += v
	}
	if total == 0 {
		return nil, inputErr(ErrWeights, file, 0, "every weight is 0 (or none is given): give at least one definition a positive weight")
	}
	for _, d := range defs.Defs {
		if _, ok := w.W[d.Name]; !ok {
			w.W[d.Name] = 0
			w.Unlisted = append(w.Unlisted, d.Name)
		}
	}
	return w, nil
}

// String shows the weights in definition order.
func (w *Weights) String(defs *Definitions) string {
	parts := make([]string, 0, len(defs.Defs))
	for _, d := range defs.Defs {
		parts = append(parts, fmt.Sprintf("%s=%s", d.Name, strconv.FormatFloat(w.W[d.Name], 'g', -1, 64)))
	}
	return strings.Join(parts, " ")
}
