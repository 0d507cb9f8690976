package analysis

import (
	"bytes"
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// MethodChange is one setting that differs between two methods: "weight of
// turnout", "anchor crossover of model 2 indicator delegated groups",
// "codebook line Leadership/Partnership*", "override birchfield 2021-22",
// "normalisation". Was or Now is empty when the setting is added or
// removed.
type MethodChange struct{ Setting, Was, Now string }

// CompareMethods lists what changes from a to b, a line a setting: the
// scalar settings, each weight and goalpost, each rubric indicator's
// expression, anchors and label (and its .sql file), each codebook line and
// each override. A file that cannot be read is compared as a whole.
func CompareMethods(a, b *Method, defs *Definitions) []MethodChange {
	var out []MethodChange
	add := func(setting, was, now string) {
		if was != now {
			out = append(out, MethodChange{setting, was, now})
		}
	}
	add("normalisation", a.Normalisation, b.Normalisation)
	add("aggregation", a.Aggregation, b.Aggregation)
	add("coverage threshold", num64(a.Coverage), num64(b.Coverage))
	add("seed", strconv.FormatUint(a.Seed, 10), strconv.FormatUint(b.Seed, 10))
	add("hybrid margin", num64(a.Margin), num64(b.Margin))
	wa, erra := a.weights(defs)
	wb, errb := b.weights(defs)
	if erra == nil && errb == nil {
		for _, d := range defs.Defs {
			add("weight of "+d.Name, num64(wa.W[d.Name]), num64(wb.W[d.Name]))
		}
	} else {
		out = append(out, fileChange(a, b, WeightsFile)...)
	}
	out = append(out, fileChange(a, b, GoalpostsFile)...)
	ra, erra := a.rubric()
	rb, errb := b.rubric()
	if erra == nil && errb == nil {
		out = append(out, compareRubrics(ra, rb)...)
	} else {
		out = append(out, fileChange(a, b, RubricFile)...)
	}
	ca, erra := a.codebook(defs)
	cb, errb := b.codebook(defs)
	if erra == nil && errb == nil {
		out = append(out, compareKeyed("codebook line ", codebookLines(ca), codebookLines(cb))...)
	} else {
		out = append(out, fileChange(a, b, CodebookFile)...)
	}
	oa, erra := a.overrides()
	ob, errb := b.overrides()
	if erra == nil && errb == nil {
		out = append(out, compareKeyed("override ", overrideLines(oa), overrideLines(ob))...)
	} else {
		out = append(out, fileChange(a, b, OverridesFile)...)
	}
	return out
}

func (m *Method) weights(defs *Definitions) (*Weights, error) {
	src, err := m.source(WeightsFile, true)
	if err != nil {
		return nil, err
	}
	return ReadWeights(src.Name, src.Data, defs)
}

func (m *Method) rubric() (*Rubric, error) {
	src, err := m.source(RubricFile, true)
	if err != nil {
		return nil, err
	}
	return ReadRubric(src.Name, src.Data, src.Open)
}

func (m *Method) codebook(defs *Definitions) (*Codebook, error) {
	src, err := m.source(CodebookFile, true)
	if err != nil {
		return nil, err
	}
	return ReadCodebook(src.Name, src.Data, defs.Names())
}

func (m *Method) overrides() (*Overrides, error) {
	src, err := m.source(OverridesFile, false)
	if err != nil || src == nil {
		return &Overrides{}, err
	}
	return ReadOverrides(src.Name, src.Data, func(p string) string { return p })
}

// fileChange says a file differs, when it does: its lines in each.
func fileChange(a, b *Method, name string) []MethodChange {
	x, y := a.Files[name], b.Files[name]
	if bytes.Equal(x, y) {
		return nil
	}
	return []MethodChange{{name, fileSummary(x, a.Files, name), fileSummary(y, b.Files, name)}}
}

func fileSummary(data []byte, files map[string][]byte, name string) string {
	if _, ok := files[name]; !ok {
		return ""
	}
	return fmt.Sprintf("%d lines", bytes.Count(data, []byte("\n")))
}

func indicatorName(in *Indicator) string {
	return fmt.Sprintf("model %d indicator %s", in.Model, in.Name)
}

func indicatorText(in *Indicator) string {
	return fmt.Sprintf("%s; anchors %s, %s, %s; %s", in.Expression, num64(in.Non), num64(in.Cross), num64(in.Full), in.Label)
}

// compareRubrics lists indicators added and removed, and for those in
// both, each anchor, expression, label and .sql file that changed.
func compareRubrics(a, b *Rubric) []MethodChange {
	key := func(in *Indicator) string { return fmt.Sprintf("%d/%s", in.Model, strings.ToLower(in.Name)) }
	was := map[string]*Indicator{}
	for _, in := range a.Indicators {
		was[key(in)] = in
	}
	var out []MethodChange
	add := func(setting, x, y string) {
		if x != y {
			out = append(out, MethodChange{setting, x, y})
		}
	}
	now := map[string]bool{}
	for _, in := range b.Indicators {
		now[key(in)] = true
		old, ok := was[key(in)]
		if !ok {
			add(indicatorName(in), "", indicatorText(in))
			continue
		}
		name := indicatorName(in)
		add("expression of "+name, old.Expression, in.Expression)
		add("anchor full_non_membership of "+name, num64(old.Non), num64(in.Non))
		add("anchor crossover of "+name, num64(old.Cross), num64(in.Cross))
		add("anchor full_membership of "+name, num64(old.Full), num64(in.Full))
		add("label of "+name, old.Label, in.Label)
		if old.IsFile() && in.IsFile() && old.Expression == in.Expression && old.File != in.File {
			add("SQL of "+name+" ("+in.Expression+")", fmt.Sprintf("%d lines", strings.Count(old.File, "\n")), fmt.Sprintf("%d lines, changed", strings.Count(in.File, "\n")))
		}
	}
	for _, in := range a.Indicators {
		if !now[key(in)] {
			add(indicatorName(in), indicatorText(in), "")
		}
	}
	return out
}

// keyed is a file's lines as setting (after a prefix) -> value, in order.
type keyed struct {
	keys []string
	val  map[string]string
}

func (k *keyed) put(key, v string) {
	if k.val == nil {
		k.val = map[string]string{}
	}
	if old, ok := k.val[key]; ok {
		k.val[key] = old + "; " + v
		return
	}
	k.keys = append(k.keys, key)
	k.val[key] = v
}

// codebookLines are the codebook's patterns and what each is evidence of.
func codebookLines(cb *Codebook) keyed {
	var k keyed
	for _, r := range cb.Rules {
		what := "interview code"
		if r.Theme {
			what = "project theme"
		}
		target := r.TargetType + " " + r.Target
		k.put(fmt.Sprintf("%s (%s)", r.Pattern, what), target)
	}
	for key, v := range k.val {
		parts := strings.Split(v, "; ")
		sort.Strings(parts)
		k.val[key] = strings.Join(parts, "; ")
	}
	return k
}

// overrideLines are the overrides by area and period: label, rationale and
// who set it.
func overrideLines(ov *Overrides) keyed {
	var k keyed
	for _, o := range ov.List {
		p := "every period"
		if o.Period != 0 {
			p = schemas.Period(o.Period).String()
		}
		k.put(strings.ToLower(o.Area)+" "+p, fmt.Sprintf("%s: %s (by %s)", o.Label, o.Rationale, o.By))
	}
	return k
}

// compareKeyed lists the lines of b that are new or changed since a, then
// those of a that b no longer has.
func compareKeyed(prefix string, a, b keyed) []MethodChange {
	var out []MethodChange
	for _, key := range b.keys {
		if was := a.val[key]; was != b.val[key] {
			out = append(out, MethodChange{prefix + key, was, b.val[key]})
		}
	}
	for _, key := range a.keys {
		if _, ok := b.val[key]; !ok {
			out = append(out, MethodChange{prefix + key, a.val[key], ""})
		}
	}
	return out
}
