package ingest

import (
	"errors"
	"fmt"
	"regexp"
	"strings"
	"time"

	"github.com/ourbiggerstory/obs/schemas"
)

// ErrAreaFrom is the kind of a --area-from that obs cannot use; its message
// starts with the flag's name.
var ErrAreaFrom = errors.New("--area-from")

// areaSpec says where a coding's area comes from (Options.AreaFrom).
type areaSpec struct {
	mode string // variable, case, source, or fixed (--area)
	name string // the variable
	re   *regexp.Regexp
	raw  string
	area string // the area of every coding (fixed)
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
		period:      lookup(func(v qdaVar) bool { return qdaPeriodVars[v.norm] }),
	}
	b.when(ctx, s)
	switch b.spec.mode {
	case "fixed":
		ctx.area = b.spec.area
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

// qdaPeriodVars are the names of a case or source variable giving the
// reporting year (normalised).
var qdaPeriodVars = map[string]bool{"period": true, "reportingyear": true, "reportingperiod": true, "year": true}

// when says where a coding's date and period come from: a case or source
// variable, else a date (or a reporting year) in the source's name, else
// --period; the date the source was added to the project only with
// --period-from created, since it is when the file was imported, not when
// the interview took place.
func (b *qdaRowBuilder) when(ctx *qdaContext, s *qdaSource) {
	ctx.dateFrom, ctx.periodFrom = "a variable", "a variable"
	if ctx.date == "" {
		ctx.date, ctx.dateFrom = dateInName(s.name), "the source's name"
	}
	if ctx.period == "" {
		ctx.period, ctx.periodFrom = periodInName(s.name), "the source's name"
	}
	if ctx.period == "" && b.period != "" {
		ctx.period, ctx.periodFrom = b.period, "--period"
	}
	if ctx.date == "" && b.created {
		ctx.date, ctx.dateFrom = isoDay(s.created), "when the source was added to the project (--period-from created)"
	}
}

var (
	isoInName   = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2})[-_.]([01]?[0-9])[-_.]([0-3]?[0-9])(?:[^0-9]|$)`)
	ukInName    = regexp.MustCompile(`(?:^|[^0-9])([0-3]?[0-9])[-_./]([01]?[0-9])[-_./]((?:19|20)[0-9]{2})(?:[^0-9]|$)`)
	yearsInName = regexp.MustCompile(`(?:^|[^0-9])((?:19|20)[0-9]{2}[-_/–](?:[0-9]{2}|(?:19|20)[0-9]{2}))(?:[^0-9]|$)`)
)

// dateInName is a date written in a source's name (2017-03-14, 14.03.2017,
// 14-03-2017: day before month, as in the UK), as yyyy-mm-dd; "" if none.
func dateInName(name string) string {
	y, m, d := "", "", ""
	if g := isoInName.FindStringSubmatch(name); g != nil {
		y, m, d = g[1], g[2], g[3]
	} else if g := ukInName.FindStringSubmatch(name); g != nil {
		y, m, d = g[3], g[2], g[1]
	} else {
		return ""
	}
	t, err := time.Parse("2006-1-2", y+"-"+m+"-"+d)
	if err != nil {
		return ""
	}
	return t.Format("2006-01-02")
}

// periodInName is a reporting year written in a source's name (2017-18,
// 2017_18, 2017-2018); a year alone is not one, as it may be the calendar
// year.
func periodInName(name string) string {
	g := yearsInName.FindStringSubmatch(name)
	if g == nil {
		return ""
	}
	if _, ok := schemas.ParsePeriod(strings.NewReplacer("_", "-", "/", "-").Replace(g[1])); !ok {
		return ""
	}
	return g[1]
}
