package ingest

import (
	"fmt"
	"strings"
)

// Each coding of a REFI-QDA project becomes one interview_codes row, built
// as cells keyed by the kind's canonical columns so that it goes through the
// same parsing, pseudonymising, redaction and quarantine as a spreadsheet row:
//
//	area             --area-from: a variable of the passage's case, of the
//	                 source's case(s) (when they agree) or of the source
//	                 (variable:NAME, default variable:area); the case's name
//	                 (case); a pattern's match in the source's name (source:RE)
//	source           the source's name (names in it replaced)
//	code             the code's path in the codebook tree: Leadership/Working groups
//	source_type      a variable named source type (or type...), else the
//	                 source's kind: text, pdf, picture, audio, video
//	participant      a variable named participant (or speaker...), else the
//	                 case's name; pseudonymised
//	participant_role a variable named role (or participant role...)
//	interview_date   a variable named date (or interview date...), else the
//	                 source's creationDateTime (when it entered the project,
//	                 the nearest the export has to when it was recorded),
//	                 else the coding's, else the selection's; the period
//	                 is taken from it
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
	p      *qdaProject
	spec   areaSpec
	read   func(ref string) (text, why string) // an internal file of the project
	redact func(string) string
}

// qdaContext is what a coding takes from its case and source.
type qdaContext struct {
	area, participant, role, sourceType, date string
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
		r.where = fmt.Sprintf("Coding %s of %s %q as a whole (line %d)", cg, s.elem, name, c.line)
	} else {
		r.where = fmt.Sprintf("Coding %s on %s %s in %s %q (line %d)", cg, sel.elem, sel.guid, s.elem, name, c.line)
	}
	r.where = strings.ReplaceAll(r.where, "; ", ", ")
	fault := func(col int, t ErrorType, format string, args ...any) {
		r.faults = append(r.faults, qdaFault{col, t, fmt.Errorf(format, args...)})
	}
	if c.dupOf > 0 {
		fault(-1, DuplicateRow, "this coding has the same GUID as coding %d, so one is a copy of the other; export the project again, or delete the copy", c.dupOf)
	}
	if sel.dupOf > 0 && !sel.whole {
		fault(-1, DuplicateRow, "its %s has the same GUID as the one at line %d, so one is a copy of the other; export the project again, or delete the copy", sel.elem, sel.dupOf)
	}
	switch {
	case !c.hasRef:
		r.cells[qcCode] = "(no code)"
		fault(qcCode, MissingCell, "the coding names no code (it has no CodeRef); code the passage again in the software and export the project again")
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
	if r.cells[qcDate] == "" {
		r.cells[qcDate] = isoDay(c.created)
	}
	if r.cells[qcDate] == "" {
		r.cells[qcDate] = isoDay(sel.created)
	}
	user := b.p.users[normGUID(c.user)]
	if user == "" {
		user = b.p.users[normGUID(sel.user)]
	}
	r.cells[qcCoder] = user
	b.place(&r, s, sel, fault)
	return r
}
