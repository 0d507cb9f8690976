package ingest

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

// ErrArea is the kind of an --area that names no known area; ErrPeriodFlag
// of a --period or --period-from obs cannot read. Their messages start with
// the flag's name.
var (
	ErrArea       = errors.New("--area")
	ErrPeriodFlag = errors.New("--period")
)

// Kinds of fault in the XML of a REFI-QDA project: the project, not a
// column of a sheet, is at fault.
const (
	// MissingXML is an element or attribute the standard requires that a
	// coding lacks (its CodeRef, a selection's positions).
	MissingXML ErrorType = "missing-xml"
	// BadPosition is a selection's position that is no whole number, lies
	// outside its text, or names no sync point.
	BadPosition ErrorType = "bad-position"
)

// qdaXMLFault are the fault types that point at the project's XML.
var qdaXMLFault = map[ErrorType]bool{MissingXML: true, BadPosition: true, UnknownCode: true, DuplicateRow: true, NoArea: true, NoPeriod: true}

// fixedArea makes --area, when given, the area of every coding.
func (l *loader) fixedArea(spec areaSpec) (areaSpec, error) {
	a := strings.TrimSpace(l.opt.Area)
	if a == "" {
		return spec, nil
	}
	id, err := l.areas.resolve(a)
	if err != nil {
		return spec, fmt.Errorf("%w: %v", ErrArea, err)
	}
	return areaSpec{mode: "fixed", area: id, raw: "--area " + id}, nil
}

// checkPeriodFlags reads --period and --period-from before anything is loaded.
func checkPeriodFlags(opt Options) error {
	if p := strings.TrimSpace(opt.Period); p != "" {
		if _, ok := schemas.ParsePeriod(p); !ok {
			return fmt.Errorf("%w %q is not a reporting year; write it as 2019-20 (April to March)", ErrPeriodFlag, p)
		}
	}
	if f := strings.TrimSpace(opt.PeriodFrom); f != "" && !strings.EqualFold(f, "created") {
		return fmt.Errorf("%w-from %q is not understood; the only value is created (the date each source was added to the project)", ErrPeriodFlag, f)
	}
	return nil
}

// notes says what the evaluator should know of the load that is no fault
// of a coding: a project with nothing coded, codings without their text,
// ATLAS.ti's doubled PDF quotes, dates taken from the project's own.
func (q *qdaLoad) notes() {
	l, p := q.l, q.builder.p
	if p == nil {
		return
	}
	add := func(format string, args ...any) { l.res.Notes = append(l.res.Notes, fmt.Sprintf(format, args...)) }
	if q.builder.created {
		add("interview dates, and so periods, were taken from when each source was added to the project (--period-from created); check that is when the interviews took place")
	}
	if l.recheck != nil {
		return // the rest was said when the file was first loaded
	}
	if l.res.Rows == 0 {
		if q.nCodes > 0 {
			add("the project has %s and no coded segments: nothing in it is coded, so no interview codes were loaded (its code tree was); export it again once its sources are coded", tabular.Plural(q.nCodes, "code"))
		} else {
			add("the project has no codes and no coded segments: nothing was loaded from it")
		}
	}
	if p.pairs > 0 {
		add("ATLAS.ti wrote %s twice, as an area of the PDF and as its text: each was loaded once, with its text", tabular.Plural(p.pairs, "PDF quotation"))
	}
	whys := make([]string, 0, len(q.noText))
	for why := range q.noText {
		whys = append(whys, why)
	}
	sort.Strings(whys)
	for _, why := range whys {
		add("%s loaded without their text (%s); their code and place are kept", tabular.Plural(q.noText[why], "coding"), why)
	}
	if q.builder.spec.mode == "fixed" {
		add("every coding was given the area %s (--area)", q.builder.spec.area)
	}
}

// qdaNotNames are the words of a project that are never people's names:
// its codes (the names and the paths of the codes that stand for no case)
// and the roles its variables give.
func qdaNotNames(p *qdaProject) []string {
	var out []string
	for _, c := range p.codeList {
		if !c.isCase {
			out = append(out, c.name, c.path, codePath(c.path))
		}
	}
	for _, c := range p.caseList {
		for _, v := range c.vars {
			if v.canon == "participant_role" || v.canon == "source_type" {
				out = append(out, v.value)
			}
		}
	}
	return out
}

// qdaFlags are the project options a load was given, as a re-check records
// them: ", --area birchfield, --period 2019-20".
func qdaFlags(opt Options) string {
	out := ""
	for _, f := range [][2]string{{"--area", opt.Area}, {"--area-from", opt.AreaFrom}, {"--period", opt.Period}, {"--period-from", opt.PeriodFrom}} {
		if v := strings.TrimSpace(f[1]); v != "" && !(f[0] == "--area-from" && v == "variable:area") {
			out += ", " + f[0] + " " + v
		}
	}
	return out
}
