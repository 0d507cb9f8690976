package ingest

import (
	"cmp"
	"fmt"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// Each coding of a REFI-QDA project becomes one interview_codes row, built
// as cells keyed by the kind's canonical columns so that it goes through the
// same parsing, pseudonymising, redaction and quarantine as a spreadsheet row:
//
//	area             --area: the one area of every coding; else --area-from:
//	                 a variable of the passage's case, of the source's case(s)
//	                 (when they agree) or of the source (variable:NAME,
//	                 default variable:area); the case's name (case); a
//	                 pattern's match in the source's name (source:RE)
//	source           the source's name (names in it replaced)
//	code             the code's path in the codebook tree: Leadership/Working groups
//	source_type      a variable named source type (or type...), else the
//	                 source's kind: text, pdf, picture, audio, video
//	participant      a variable named participant (or speaker...), else the
//	                 case's name; pseudonymised
//	participant_role a variable named role (or participant role...)
//	interview_date   a variable named date (or interview date...), else a
//	                 date in the source's name (2017-03-14, 14.03.2017); the
//	                 period is taken from it, else from a variable named
//	                 period, a reporting year in the source's name (2017-18)
//	                 or --period. A creationDateTime is when the source was
//	                 imported, not recorded: it is the date only with
//	                 --period-from created (the source's, else the coding's,
//	                 else the selection's). A coding with neither a date nor
//	                 a period is quarantined (no-period).
//	excerpt          the selected characters of the source's text (not for
//	                 pictures, audio and video, nor PDF areas without text)
//	coder            the name of the coding's creatingUser; pseudonymised
//	segment_ref      where: "chars 120–245", "audio 0:01:01.000–0:01:05.500"...
//
// The passage's case is the one that names its selection (SelectionRef), or
// (NVivo) the one whose code codes the passage or a stretch around it; else
// the source's one case (SourceRef).

var qdaCols = []string{"area", "source", "code", "source_type", "participant", "participant_role", "interview_date", "excerpt", "coder", "segment_ref"}

const (
	qcArea = iota
	qcSource
	qcCode
	qcSourceType
	qcParticipant
	qcRole
	qcDate
	qcExcerpt
	qcCoder
	qcRef
)

// qdaRow is one coding, ready for readRow.
type qdaRow struct {
	num    int // the coding's place among the project's codings
	cells  []string
	period string // the reporting year, when the project or --period gives it
	where  string // the coding's element and GUIDs, for messages
	faults []qdaFault
	noText string // loaded without an excerpt, because of this
}

type qdaFault struct {
	col int // index in qdaCols; -1 for the row as a whole
	typ ErrorType
	err error
}

// qdaRowBuilder turns a source's selections into rows.
type qdaRowBuilder struct {
	p       *qdaProject
	spec    areaSpec
	period  string                              // --period
	created bool                                // --period-from created
	read    func(ref string) (text, why string) // an internal file of the project
	redact  func(string) string
}

// qdaContext is what a coding takes from its case and source.
type qdaContext struct {
	area, participant, role, sourceType, date, period string
	dateFrom, periodFrom                              string // where date and period were found, for messages
}

type qdaSpan struct {
	start, end int64
	c          *qdaCase
}

func (b *qdaRowBuilder) rows(s *qdaSource) []qdaRow {
	// NVivo marks which part of a source is which case by coding it with the
	// case's GUID (a code of the codebook has it too): those codings place the
	// others.
	var spans []qdaSpan
	for _, sel := range s.sels {
		for _, c := range sel.codings {
			if b.p.cases[c.code] != nil {
				if st, en, ok := sel.chars(); ok {
					spans = append(spans, qdaSpan{st, en, b.p.cases[c.code]})
				}
			}
		}
	}
	ctxs := map[*qdaCase]*qdaContext{}
	name := b.redact(s.name)
	if name == "" {
		name = fmt.Sprintf("(%s %s without a name)", s.elem, s.guid)
	}
	var out []qdaRow
	for _, sel := range s.sels {
		var selCase *qdaCase
		caseFound := false
		for _, c := range sel.codings {
			if b.p.cases[c.code] != nil {
				continue // places the others; not a code
			}
			code := b.p.codes[c.code]
			if !caseFound {
				selCase, caseFound = b.caseOf(sel, spans), true
			}
			ctx := ctxs[selCase]
			if ctx == nil {
				ctx = b.context(s, selCase)
				ctxs[selCase] = ctx
			}
			out = append(out, b.row(s, name, sel, c, code, ctx))
		}
	}
	return out
}

func (b *qdaRowBuilder) row(s *qdaSource, name string, sel *qdaSel, c *qdaCoding, code *qdaCode, ctx *qdaContext) qdaRow {
	r := qdaRow{num: c.row, cells: make([]string, len(qdaCols))}
	cg := c.guid
	if cg == "" {
		cg = "(no GUID)"
	}
	if sel.whole {
		r.where = fmt.Sprintf("Coding %s of %s %q as a whole%s", cg, s.elem, name, atLine(c.line))
	} else {
		r.where = fmt.Sprintf("Coding %s on %s %s in %s %q%s", cg, sel.elem, sel.guid, s.elem, name, atLine(c.line))
	}
	r.where = strings.ReplaceAll(r.where, "; ", ", ")
	fault := func(col int, t ErrorType, format string, args ...any) {
		r.faults = append(r.faults, qdaFault{col, t, fmt.Errorf(format, args...)})
	}
	if c.dupOf > 0 {
		fault(-1, DuplicateRow, "this coding has the same GUID as coding %d, so one is a copy of the other; export the project again, or delete the copy", c.dupOf)
	}
	if sel.dupOf > 0 && !sel.whole {
		fault(-1, DuplicateRow, "another %s before it has the same GUID%s, so one is a copy of the other; export the project again, or delete the copy", sel.elem, atLine(sel.dupOf))
	}
	switch {
	case !c.hasRef:
		r.cells[qcCode] = "(no code)"
		fault(qcCode, MissingXML, "the coding names no code (it has no CodeRef); code the passage again in the software and export the project again")
	case code == nil:
		r.cells[qcCode] = c.code
		fault(qcCode, UnknownCode, "the coding points at code %s, which is not in the project's codebook; export the project again (its codebook is incomplete)", c.code)
	default:
		r.cells[qcCode] = b.redact(code.path)
	}
	r.cells[qcSource] = name
	r.cells[qcArea] = ctx.area
	r.cells[qcSourceType] = ctx.sourceType
	r.cells[qcParticipant] = ctx.participant
	r.cells[qcRole] = ctx.role
	r.cells[qcDate] = ctx.date
	dateFrom := ctx.dateFrom
	if r.cells[qcDate] == "" && b.created {
		r.cells[qcDate], dateFrom = cmp.Or(isoDay(c.created), isoDay(sel.created)), "when the passage was coded (--period-from created)"
	}
	b.checkPeriod(&r, ctx, dateFrom, fault)
	user := b.p.users[normGUID(c.user)]
	if user == "" {
		user = b.p.users[normGUID(sel.user)]
	}
	r.cells[qcCoder] = user
	b.place(&r, s, sel, fault)
	return r
}

// checkPeriod gives the row its period, when the project or --period says
// it, and faults a coding whose period cannot be known, or whose date and
// period disagree.
func (b *qdaRowBuilder) checkPeriod(r *qdaRow, ctx *qdaContext, dateFrom string, fault func(int, ErrorType, string, ...any)) {
	r.period = ctx.period
	date := r.cells[qcDate]
	if date == "" && r.period == "" {
		fault(-1, NoPeriod, "no period: the project does not say when this was recorded (the date a source was added to the project is when it was imported, not the interview's). "+
			"Load the project again with --period 2019-20 (the reporting year of its interviews), or give the case or source a variable \"interview date\" (or \"period\"), "+
			"or put the date in the source's name; if the sources were added to the project on the day they were recorded, --period-from created takes that date")
		return
	}
	if date == "" || r.period == "" {
		return
	}
	p, okP, _ := parsePeriod(r.period)
	d, okD, _ := parseDateIn(date, excelEpoch)
	if okP && okD && periodOf(d) != p {
		fault(qcDate, ConstraintError, "the interview date %s (from %s) is not in the reporting year %s (from %s); correct one of them",
			date, dateFrom, schemas.Period(p), ctx.periodFrom)
	}
}

// atLine is " (line N)" for a message, or "" where the line says nothing:
// a project written as one line of XML (ATLAS.ti, qc) has every element on
// line 1, and its messages name elements and GUIDs instead.
func atLine(n int) string {
	if n <= 1 {
		return ""
	}
	return fmt.Sprintf(" (line %d)", n)
}
