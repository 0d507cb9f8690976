package ingest

import (
	"fmt"
	"strconv"
	"strings"
)

// chars are a text selection's positions, when they can be read.
func (sel *qdaSel) chars() (int64, int64, bool) {
	if sel.elem != "PlainTextSelection" {
		return 0, 0, false
	}
	st, err1 := strconv.ParseInt(sel.pos["startPosition"], 10, 64)
	en, err2 := strconv.ParseInt(sel.pos["endPosition"], 10, 64)
	return st, en, err1 == nil && err2 == nil
}

// place fills in where the coding is (segment_ref) and its excerpt.
func (b *qdaRowBuilder) place(r *qdaRow, s *qdaSource, sel *qdaSel, fault func(int, ErrorType, string, ...any)) {
	ints := func(names ...string) ([]int64, bool) {
		out := make([]int64, len(names))
		for i, n := range names {
			v, err := strconv.ParseInt(sel.pos[n], 10, 64)
			if err != nil {
				if sel.pos[n] == "" {
					fault(qcRef, MissingXML, "the %s has no %s, which the standard requires; export the project again", sel.elem, n)
				} else {
					fault(qcRef, BadPosition, "%s %q is not a whole number; export the project again", n, sel.pos[n])
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
			fault(qcRef, BadPosition, "the selection runs from character %d to %d, which is no stretch of text; export the project again", st, en)
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
			fault(qcRef, BadPosition, "the selection (characters %d to %d) lies outside its %s, which has %d characters; export the project again, or code the passage again", st, en, sel.text.what, text.n)
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
			fault(qcRef, BadPosition, "the %s runs from %d ms to %d ms, which is no stretch of the recording; export the project again", sel.elem, v[0], v[1])
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
			fault(qcRef, BadPosition, "its %s %q is not a sync point of the transcript; export the project again", a, sel.pos[a])
			return 0, 0, false
		}
		v, err := strconv.ParseInt(sp[0], 10, 64)
		if err != nil {
			fault(qcRef, BadPosition, "the position %q of sync point %s is not a whole number; export the project again", sp[0], sel.pos[a])
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
