package ingest

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"
)

// ErrAreaFrom is the kind of a --area-from that obs cannot use; its message
// starts with the flag's name.
var ErrAreaFrom = errors.New("--area-from")

// areaSpec says where a coding's area comes from (Options.AreaFrom).
type areaSpec struct {
	mode string // variable, case or source
	name string // the variable
	re   *regexp.Regexp
	raw  string
}

func parseAreaFrom(s string) (areaSpec, error) {
	s = strings.TrimSpace(s)
	if s == "" {
		s = "variable:area"
	}
	sp := areaSpec{raw: s}
	kind, arg, _ := strings.Cut(s, ":")
	switch strings.ToLower(kind) {
	case "variable":
		if strings.TrimSpace(arg) == "" {
			break
		}
		sp.mode, sp.name = "variable", strings.TrimSpace(arg)
		return sp, nil
	case "case":
		if arg == "" {
			sp.mode = "case"
			return sp, nil
		}
	case "source":
		re, err := regexp.Compile(arg)
		if err != nil {
			return sp, fmt.Errorf("%w %q: the pattern cannot be read (%v)", ErrAreaFrom, s, err)
		}
		sp.mode, sp.re = "source", re
		return sp, nil
	}
	return sp, fmt.Errorf("%w %q is not understood; use variable:NAME (a case variable, such as variable:area), case (the case name) or source:PATTERN (a pattern matching the area in the source name)", ErrAreaFrom, s)
}

// caseOf is the case a selection belongs to on its own account: named by
// the case (SelectionRef), coded with the case's code, or inside a passage
// coded with it.
func (b *qdaRowBuilder) caseOf(sel *qdaSel, spans []qdaSpan) *qdaCase {
	if c := b.p.bySel[sel.guid]; c != nil && sel.guid != "" {
		return c
	}
	for _, c := range sel.codings {
		if k := b.p.cases[c.code]; k != nil {
			return k
		}
	}
	if st, en, ok := sel.chars(); ok {
		for _, sp := range spans {
			if sp.start <= st && en <= sp.end {
				return sp.c
			}
		}
	}
	return nil
}

// context works out a coding's area, participant, role, source type and
// date from its case (if it has one of its own), the source's cases and
// the source's variables.
func (b *qdaRowBuilder) context(s *qdaSource, own *qdaCase) *qdaContext {
	var named, nameless []*qdaCase
	for _, c := range b.p.bySource[s.guid] {
		if c.name != "" {
			named = append(named, c)
		} else {
			nameless = append(nameless, c) // Quirkos, MAXQDA: a source's variables
		}
	}
	theCase := own
	if theCase == nil && len(named) == 1 {
		theCase = named[0]
	}
	lookup := func(match func(qdaVar) bool) string {
		if own != nil {
			if v := varOf(own.vars, match); v != "" {
				return v
			}
		}
		agreed := ""
		for i, c := range named { // every case of the source says the same
			v := varOf(c.vars, match)
			if v == "" || i > 0 && v != agreed {
				agreed = ""
				break
			}
			agreed = v
		}
		if agreed != "" {
			return agreed
		}
		if v := varOf(s.vars, match); v != "" {
			return v
		}
		for _, c := range nameless {
			if v := varOf(c.vars, match); v != "" {
				return v
			}
		}
		return ""
	}
	canon := func(col string) func(qdaVar) bool { return func(v qdaVar) bool { return v.canon == col } }
	ctx := &qdaContext{
		participant: lookup(canon("participant")),
		role:        lookup(canon("participant_role")),
		sourceType:  lookup(canon("source_type")),
		date:        lookup(canon("interview_date")),
	}
	switch b.spec.mode {
	case "variable":
		want := normVarName(b.spec.name)
		ctx.area = lookup(func(v qdaVar) bool { return v.norm == want || want == "area" && v.canon == "area" })
	case "case":
		if theCase != nil {
			ctx.area = theCase.name
		}
	case "source":
		if m := b.spec.re.FindStringSubmatch(s.name); m != nil {
			ctx.area = m[0]
			if len(m) > 1 {
				ctx.area = m[1]
			}
		}
	}
	if ctx.participant == "" && b.spec.mode != "case" && theCase != nil {
		ctx.participant = theCase.name
	}
	if ctx.sourceType == "" {
		ctx.sourceType = strings.ToLower(strings.TrimSuffix(s.elem, "Source"))
	}
	if ctx.date == "" {
		ctx.date = isoDay(s.created)
	}
	return ctx
}

func varOf(vars []qdaVar, match func(qdaVar) bool) string {
	for _, v := range vars {
		if v.value != "" && match(v) {
			return v.value
		}
	}
	return ""
}

func normVarName(name string) string { return newQDAVar(name, "").norm }

// isoDay is the day of an xsd:dateTime, or "" if it is not one.
func isoDay(s string) string {
	s = strings.TrimSpace(s)
	if len(s) < 10 {
		return ""
	}
	if _, err := time.Parse("2006-01-02", s[:10]); err != nil {
		return ""
	}
	return s[:10]
}
