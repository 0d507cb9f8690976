package web

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"net/http"
	"regexp"
	"strconv"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/position"
	"github.com/ourbiggerstory/obs/schemas"
)

// The Method page's form is the method's files as an evaluator edits them:
// a number per weight and per anchor, a select for the normalisation and
// the aggregation, number inputs for the coverage, the seed and the margin,
// and the codebook and the overrides as CSV in a text area (as they are
// kept in a spreadsheet). The form is written back into the files' text
// (weights.csv, rubric.csv, codebook.csv, overrides.csv) and read by
// analysis.Method.Options, as the flags' files are, so a message is the
// files' own; it is shown beside the field it concerns, and everything
// typed is kept.

// methodForm is the form as typed.
type methodForm struct {
	Base                       int // the version the form was drawn from
	Weights                    []weightField
	Normalisation, Aggregation string
	Coverage, Seed, Margin     string
	Rubric                     []anchorRow
	Codebook, Overrides, Note  string
	Normalisations             []string
	Aggregations               []string
	Errs                       map[string]string // by field: w.NAME, weights, normalisation, coverage, a.I, rubric, codebook...
}

type weightField struct{ Name, Label, Value string }

// anchorRow is one indicator of the rubric: its anchors and label are
// edited, the rest is the rubric's.
type anchorRow struct {
	Model                 int
	ModelName             string
	Indicator, Expression string
	Non, Cross, Full      string
	Label                 string
	Err                   string // what is wrong with the line
	Bad                   string // the column at fault (full_non_membership, crossover, full_membership, label)
}

// HasErrs says whether any field is at fault.
func (f *methodForm) HasErrs() bool { return len(f.Errs) > 0 }

func exact(v float64) string { return strconv.FormatFloat(v, 'g', -1, 64) }

// formOf is the form showing method m.
func formOf(m *analysis.Method, defs *analysis.Definitions) (*methodForm, error) {
	sopt, copt, err := m.Options(defs)
	if err != nil {
		return nil, err
	}
	f := &methodForm{Base: m.Version, Normalisation: m.Normalisation, Aggregation: m.Aggregation,
		Coverage: exact(m.Coverage), Seed: strconv.FormatUint(m.Seed, 10), Margin: exact(m.Margin),
		Codebook: string(m.Files[analysis.CodebookFile]), Overrides: string(m.Files[analysis.OverridesFile])}
	for _, d := range defs.Defs {
		f.Weights = append(f.Weights, weightField{Name: d.Name, Label: d.Label, Value: exact(sopt.Weights.W[d.Name])})
	}
	for _, in := range copt.Rubric.Indicators {
		f.Rubric = append(f.Rubric, anchorRow{Model: in.Model, ModelName: schemas.ModelName(in.Model), Indicator: in.Name, Expression: in.Expression,
			Non: exact(in.Non), Cross: exact(in.Cross), Full: exact(in.Full), Label: in.Label})
	}
	f.choices()
	return f, nil
}

func (f *methodForm) choices() {
	f.Normalisations, f.Aggregations = analysis.NormalisationChoices, analysis.Aggregations
}

var pseudonymRE = regexp.MustCompile(`^P-[0-9a-f]{10}$`)

// readMethodForm reads the form sent from the Method page, drawn from base,
// as a method (version 0, not saved) and checks it part by part, as the
// files are read, so that every field at fault is told at once. The method
// is nil when a field is at fault. pseudonym gives an evaluator named in
// the overrides their pseudonym (one that is already a pseudonym stays).
func readMethodForm(r *http.Request, base *analysis.Method, defs *analysis.Definitions, pseudonym func(string) string) (*methodForm, *analysis.Method) {
	f, err := formOf(base, defs)
	if err != nil { // the method in use cannot be read: start from the form alone
		f = &methodForm{}
		f.choices()
	}
	f.Errs = map[string]string{}
	v := r.PostFormValue
	if f.Base, err = strconv.Atoi(v("base")); err != nil {
		f.Errs["base"] = "The form was sent without the version it was drawn from: reload the Method page and make your changes again."
	}
	f.Normalisation, f.Aggregation = v("normalisation"), v("aggregation")
	f.Coverage, f.Seed, f.Margin = strings.TrimSpace(v("coverage")), strings.TrimSpace(v("seed")), strings.TrimSpace(v("margin"))
	f.Codebook, f.Overrides, f.Note = v("codebook"), v("overrides"), strings.TrimSpace(v("note"))
	m := base.Clone()
	m.Version, m.Note, m.SavedBy = 0, f.Note, ""
	m.Normalisation, m.Aggregation = f.Normalisation, f.Aggregation
	number := func(key, raw, what string, into *float64) {
		x, err := strconv.ParseFloat(raw, 64)
		if err != nil {
			f.Errs[key] = fmt.Sprintf("the %s must be a number, not %q", what, raw)
			return
		}
		*into = x
	}
	number("coverage", f.Coverage, "coverage threshold", &m.Coverage)
	number("margin", f.Margin, "hybrid margin", &m.Margin)
	if s, err := strconv.ParseUint(f.Seed, 10, 64); err != nil {
		f.Errs["seed"] = fmt.Sprintf("the seed must be a whole number, 0 or more, not %q", f.Seed)
	} else {
		m.Seed = s
	}

	weights := [][]string{{"definition", "weight"}}
	for i := range f.Weights {
		w := &f.Weights[i]
		w.Value = strings.TrimSpace(v("w." + w.Name))
		weights = append(weights, []string{w.Name, w.Value})
	}
	m.Files[analysis.WeightsFile] = csvOf(weights)
	rubric := [][]string{{"model", "indicator", "expression", "full_non_membership", "crossover", "full_membership", "label"}}
	for i := range f.Rubric {
		a := &f.Rubric[i]
		p := fmt.Sprintf("a.%d.", i)
		a.Non, a.Cross, a.Full, a.Label = strings.TrimSpace(v(p+"non")), strings.TrimSpace(v(p+"cross")), strings.TrimSpace(v(p+"full")), strings.TrimSpace(v(p+"label"))
		rubric = append(rubric, []string{strconv.Itoa(a.Model), a.Indicator, a.Expression, a.Non, a.Cross, a.Full, a.Label})
	}
	m.Files[analysis.RubricFile] = csvOf(rubric)
	m.Files[analysis.CodebookFile] = []byte(f.Codebook)
	m.Files[analysis.OverridesFile] = []byte(f.Overrides)
	if ov, err := analysis.ReadOverrides(m.Where(analysis.OverridesFile), m.Files[analysis.OverridesFile], func(name string) string {
		if pseudonymRE.MatchString(name) {
			return name
		}
		return pseudonym(name)
	}); err == nil && len(ov.List) > 0 {
		m.Files[analysis.OverridesFile] = analysis.OverridesCSV(ov) // evaluators as pseudonyms only
	}

	f.check(m, base, defs)
	if f.HasErrs() {
		return f, nil
	}
	return f, m
}

// check reads m as the flags' files are read, one part at a time over the
// method in use, and puts each message beside the field it concerns.
func (f *methodForm) check(m, base *analysis.Method, defs *analysis.Definitions) {
	parts := []struct {
		key string
		set func(c *analysis.Method)
	}{
		{"weights", func(c *analysis.Method) { c.Files[analysis.WeightsFile] = m.Files[analysis.WeightsFile] }},
		{"normalisation", func(c *analysis.Method) { c.Normalisation = m.Normalisation }},
		{"aggregation", func(c *analysis.Method) { c.Aggregation = m.Aggregation }},
		{"coverage", func(c *analysis.Method) { c.Coverage = m.Coverage }},
		{"margin", func(c *analysis.Method) { c.Margin = m.Margin }},
		{"rubric", func(c *analysis.Method) { c.Files[analysis.RubricFile] = m.Files[analysis.RubricFile] }},
		{"codebook", func(c *analysis.Method) { c.Files[analysis.CodebookFile] = m.Files[analysis.CodebookFile] }},
		{"overrides", func(c *analysis.Method) { c.Files[analysis.OverridesFile] = m.Files[analysis.OverridesFile] }},
	}
	if _, _, err := base.Options(defs); err == nil {
		for _, p := range parts {
			if _, ok := f.Errs[p.key]; ok {
				continue // not a number: already said
			}
			c := base.Clone()
			c.Version = 0
			p.set(c)
			if _, _, err := c.Options(defs); err != nil {
				f.place(p.key, err)
			}
		}
	}
	if f.HasErrs() {
		return
	}
	if _, _, err := m.Options(defs); err != nil {
		f.place("", err)
	}
}

// place puts the message of err beside the field it concerns: a weight's
// line, an indicator's line (and the anchor at fault), or the part.
func (f *methodForm) place(part string, err error) {
	msg := err.Error()
	var pe *position.Error
	if errors.As(err, &pe) && pe.Line >= 2 {
		i := pe.Line - 2 // the form writes the header on line 1, then a line per field
		switch {
		case part == "weights" && i < len(f.Weights):
			f.Errs["w."+f.Weights[i].Name] = msg
			return
		case part == "rubric" && i < len(f.Rubric):
			f.Rubric[i].Err, f.Rubric[i].Bad = msg, pe.Column
			f.Errs[fmt.Sprintf("a.%d", i)] = msg
			return
		}
	}
	f.Errs[part] = msg
}

// csvOf writes rows as a CSV file's text.
func csvOf(rows [][]string) []byte {
	var b bytes.Buffer
	w := csv.NewWriter(&b)
	w.WriteAll(rows) // a bytes.Buffer does not fail
	return b.Bytes()
}
