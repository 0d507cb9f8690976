package analysis

import (
	"fmt"
	"regexp"
	"sort"
	"strings"
)

// Target types of the codebook.
const (
	TargetDefinition = "definition"
	TargetModel      = "model"
	TargetApproach   = "approach"
	TargetFocus      = "focus"
)

// Approaches are the seed's five approaches, as tags.
var Approaches = []string{"capacity building", "services", "neighbourliness", "large-scale development", "resident voice"}

// Focuses are the seed's distinction: plan-focused, or a stepping stone.
var Focuses = []string{"plan", "stepping stone"}

// CodeRule is one codebook line: codes (or project themes) matching Pattern
// are evidence of Target.
type CodeRule struct {
	Pattern    string // as written; * matches anything, case and spacing ignored
	TargetType string // definition, model, approach or focus
	Target     string // a definition name; 1, 2 or 3; an approach; a focus
	Theme      bool   // matches project themes, not interview codes
	Line       int
	re         *regexp.Regexp
}

// Match reports whether s (a code or a theme) matches the rule's pattern.
func (r *CodeRule) Match(s string) bool { return r.re.MatchString(foldCode(s)) }

// Codebook maps interview codes and project themes to what they are evidence of.
type Codebook struct {
	File   string
	SHA256 string
	Rules  []*CodeRule
}

// foldCode folds a code for matching: lower case, single spaces, no spaces around /.
func foldCode(s string) string {
	s = strings.Join(strings.Fields(strings.ToLower(s)), " ")
	return strings.ReplaceAll(strings.ReplaceAll(s, " /", "/"), "/ ", "/")
}

func globRE(pattern string) *regexp.Regexp {
	parts := strings.Split(foldCode(pattern), "*")
	for i, p := range parts {
		parts[i] = regexp.QuoteMeta(p)
	}
	return regexp.MustCompile("^" + strings.Join(parts, ".*") + "$")
}

// ReadCodebook reads a codebook (CSV: code, target_type, target, and
// optionally applies_to: "code" (the default) or "theme"). definitions are
// the known definition names, to check definition targets.
func ReadCodebook(file string, data []byte, definitions []string) (*Codebook, error) {
	f, err := readCSV(ErrCodebook, file, data, "code", "target_type", "target")
	if err != nil {
		return nil, err
	}
	cb := &Codebook{File: file, SHA256: f.SHA256}
	for _, row := range f.Rows {
		bad := func(col, val, format string, a ...any) error {
			return badInput(ErrCodebook, file, row.Line, col, val, fmt.Sprintf(format, a...), nil)
		}
		r := &CodeRule{Pattern: f.Get(row, "code"), Line: row.Line}
		if r.Pattern == "" {
			return nil, bad("code", "", "the code is empty: give a code path such as Leadership/Working groups*")
		}
		r.TargetType = strings.ToLower(f.Get(row, "target_type"))
		target := f.Get(row, "target")
		switch r.TargetType {
		case TargetModel:
			t := strings.TrimSpace(strings.TrimPrefix(strings.ToLower(target), "model"))
			if t != "1" && t != "2" && t != "3" {
				return nil, bad("target", target, "a model target must be 1, 2 or 3, not %q", target)
			}
			r.Target = t
		case TargetApproach:
			r.Target = strings.ToLower(target)
			if !contains(Approaches, r.Target) {
				return nil, bad("target", target, "there is no approach %q; the approaches are %s", target, strings.Join(Approaches, ", "))
			}
		case TargetFocus:
			r.Target = strings.ToLower(target)
			if !contains(Focuses, r.Target) {
				return nil, bad("target", target, "there is no focus %q; the focuses are %s", target, strings.Join(Focuses, ", "))
			}
		case TargetDefinition:
			r.Target = strings.ToLower(target)
			if definitions != nil && !contains(definitions, r.Target) {
				return nil, bad("target", target, "there is no definition %q; the definitions are %s", target, strings.Join(definitions, ", "))
			}
		default:
			return nil, bad("target_type", f.Get(row, "target_type"), "the target type must be definition, model, approach or focus, not %q", f.Get(row, "target_type"))
		}
		switch a := strings.ToLower(f.Get(row, "applies_to")); a {
		case "", "code", "codes":
		case "theme", "themes", "project theme", "project themes":
			r.Theme = true
		default:
			return nil, bad("applies_to", a, "applies_to must be code (interview codes, the default) or theme (project themes), not %q", a)
		}
		if r.Theme && r.TargetType != TargetApproach && r.TargetType != TargetFocus {
			return nil, bad("target_type", r.TargetType, "a project theme can only be evidence of an approach or a focus, not of a %s", r.TargetType)
		}
		r.re = globRE(r.Pattern)
		cb.Rules = append(cb.Rules, r)
	}
	return cb, nil
}

// Mapping is one code (as found) and one thing it is evidence of.
type Mapping struct {
	Code, TargetType, Target, Pattern string
	Segments                          int
}

// Map maps codes (code -> segments) through the code rules: every rule that
// matches adds a target (once per target). It returns the mappings and the
// codes no rule matches, both sorted.
func (cb *Codebook) Map(codes map[string]int) (mapped []Mapping, unmapped []string) {
	names := make([]string, 0, len(codes))
	for c := range codes {
		names = append(names, c)
	}
	sort.Strings(names)
	for _, c := range names {
		seen := map[string]bool{}
		for _, r := range cb.Rules {
			if r.Theme || !r.Match(c) {
				continue
			}
			k := r.TargetType + "/" + r.Target
			if seen[k] {
				continue
			}
			seen[k] = true
			mapped = append(mapped, Mapping{Code: c, TargetType: r.TargetType, Target: r.Target, Pattern: r.Pattern, Segments: codes[c]})
		}
		if len(seen) == 0 {
			unmapped = append(unmapped, c)
		}
	}
	return mapped, unmapped
}

// ThemeTargets lists what a project theme is evidence of.
func (cb *Codebook) ThemeTargets(theme string) [][2]string {
	var out [][2]string
	seen := map[[2]string]bool{}
	for _, r := range cb.Rules {
		if !r.Theme || !r.Match(theme) {
			continue
		}
		k := [2]string{r.TargetType, r.Target}
		if !seen[k] {
			seen[k] = true
			out = append(out, k)
		}
	}
	return out
}
