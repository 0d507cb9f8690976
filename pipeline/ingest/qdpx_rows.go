package ingest

import (
	"fmt"
	"regexp"
	"strconv"
	"strings"
	"time"
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
			return sp, fmt.Errorf("--area-from %q: the pattern cannot be read (%v)", s, err)
		}
		sp.mode, sp.re = "source", re
		return sp, nil
	}
	return sp, fmt.Errorf("--area-from %q is not understood; use variable:NAME (a case variable, such as variable:area), case (the case name) or source:PATTERN (a pattern matching the area in the source name)", s)
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

// chars are a text selection's positions, when they can be read.
func (sel *qdaSel) chars() (int64, int64, bool) {
	if sel.elem != "PlainTextSelection" {
		return 0, 0, false
	}
	st, err1 := strconv.ParseInt(sel.pos["startPosition"], 10, 64)
	en, err2 := strconv.ParseInt(sel.pos["endPosition"], 10, 64)
	return st, en, err1 == nil && err2 == nil
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

// place fills in where the coding is (segment_ref) and its excerpt.
func (b *qdaRowBuilder) place(r *qdaRow, s *qdaSource, sel *qdaSel, fault func(int, ErrorType, string, ...any)) {
	ints := func(names ...string) ([]int64, bool) {
		out := make([]int64, len(names))
		for i, n := range names {
			v, err := strconv.ParseInt(sel.pos[n], 10, 64)
			if err != nil {
				if sel.pos[n] == "" {
					fault(qcRef, MissingCell, "the %s has no %s, which the standard requires; export the project again", sel.elem, n)
				} else {
					fault(qcRef, TypeError, "%s %q is not a whole number; export the project again", n, sel.pos[n])
				}
				return nil, false
			}
			out[i] = v
		}
		return out, true
	}
	switch sel.elem {
	case "PlainTextSelection", "TranscriptSelection":
		var st, en int64
		ok := false
		if sel.tr != nil {
			st, en, ok = b.syncChars(sel, fault)
		} else if v, good := ints("startPosition", "endPosition"); good {
			st, en, ok = v[0], v[1], true
		}
		if !ok {
			return
		}
		r.cells[qcRef] = fmt.Sprintf("chars %d–%d", st, en)
		switch sel.text.what {
		case "text":
		case "PDF's text representation":
			r.cells[qcRef] += " of the PDF's text"
		default:
			r.cells[qcRef] += " of the " + sel.text.what
		}
		if sel.tr != nil {
			r.cells[qcRef] += b.syncTimes(sel)
		}
		if st < 0 || en < st {
			fault(qcRef, ConstraintError, "the selection runs from character %d to %d, which is no stretch of text; export the project again", st, en)
			return
		}
		text := b.resolve(sel.text)
		if text == nil {
			what := sel.text.what
			if what == "text" {
				what = "source's text"
			}
			r.noText = fmt.Sprintf("the %s cannot be read: %s", what, sel.text.why)
			return
		}
		ex, ok := text.cut(st, en)
		if !ok {
			fault(qcRef, ConstraintError, "the selection (characters %d to %d) lies outside its %s, which has %d characters; export the project again, or code the passage again", st, en, sel.text.what, text.n)
			return
		}
		r.cells[qcExcerpt] = ex
	case "PDFSelection":
		v, ok := ints("page", "firstX", "firstY", "secondX", "secondY")
		if !ok {
			return
		}
		r.cells[qcRef] = fmt.Sprintf("PDF page %d (counted from 0), area (%d,%d)–(%d,%d)", v[0], v[1], v[2], v[3], v[4])
		if sel.own == nil {
			r.noText = "the project has no text representation of this area of the PDF, so its text cannot be cut out"
			return
		}
		if text := b.resolve(sel.own); text != nil {
			r.cells[qcExcerpt] = text.s
		} else {
			r.noText = "the text representation of this area of the PDF cannot be read: " + sel.own.why
		}
	case "PictureSelection":
		if v, ok := ints("firstX", "firstY", "secondX", "secondY"); ok {
			r.cells[qcRef] = fmt.Sprintf("picture area (%d,%d)–(%d,%d)", v[0], v[1], v[2], v[3])
		}
	case "AudioSelection", "VideoSelection":
		v, ok := ints("begin", "end")
		if !ok {
			return
		}
		if v[0] < 0 || v[1] < v[0] {
			fault(qcRef, ConstraintError, "the %s runs from %d ms to %d ms, which is no stretch of the recording; export the project again", sel.elem, v[0], v[1])
			return
		}
		r.cells[qcRef] = fmt.Sprintf("%s %s–%s", strings.ToLower(strings.TrimSuffix(sel.elem, "Selection")), clock(v[0]), clock(v[1]))
	default: // the source as a whole
		r.cells[qcRef] = "whole source"
	}
}

// syncChars are a transcript selection's positions, from its sync points.
func (b *qdaRowBuilder) syncChars(sel *qdaSel, fault func(int, ErrorType, string, ...any)) (int64, int64, bool) {
	var out [2]int64
	for i, a := range []string{"fromSyncPoint", "toSyncPoint"} {
		sp, ok := sel.tr.sync[normGUID(sel.pos[a])]
		if !ok {
			fault(qcRef, ConstraintError, "its %s %q is not a sync point of the transcript; export the project again", a, sel.pos[a])
			return 0, 0, false
		}
		v, err := strconv.ParseInt(sp[0], 10, 64)
		if err != nil {
			fault(qcRef, TypeError, "the position %q of sync point %s is not a whole number; export the project again", sp[0], sel.pos[a])
			return 0, 0, false
		}
		out[i] = v
	}
	return out[0], out[1], true
}

func (b *qdaRowBuilder) syncTimes(sel *qdaSel) string {
	from, err1 := strconv.ParseInt(sel.tr.sync[normGUID(sel.pos["fromSyncPoint"])][1], 10, 64)
	to, err2 := strconv.ParseInt(sel.tr.sync[normGUID(sel.pos["toSyncPoint"])][1], 10, 64)
	if err1 != nil || err2 != nil {
		return ""
	}
	return fmt.Sprintf(" (%s–%s)", clock(from), clock(to))
}

// clock writes milliseconds as h:mm:ss.mmm.
func clock(ms int64) string {
	if ms < 0 {
		return strconv.FormatInt(ms, 10) + " ms"
	}
	return fmt.Sprintf("%d:%02d:%02d.%03d", ms/3600000, ms/60000%60, ms/1000%60, ms%1000)
}

// resolve reads a text the first time a selection needs it.
func (b *qdaRowBuilder) resolve(ref *qdaTextRef) *qdaText {
	if ref == nil {
		return nil
	}
	if !ref.done {
		ref.done = true
		switch {
		case ref.content != nil:
			ref.text = newQDAText(*ref.content, b.p.atlas)
		case ref.path != "":
			raw, why := b.read(ref.path)
			if why != "" {
				ref.why = why
			} else {
				ref.text = newQDAText(raw, b.p.atlas)
			}
		case ref.rich:
			ref.why = "the project holds only its formatted (rich) text, not the plain text the positions count in"
		default:
			ref.why = "the project holds no text for it"
		}
	}
	return ref.text
}
