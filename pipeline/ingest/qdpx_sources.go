package ingest

import (
	"encoding/xml"
	"strings"
)

// Sources and what is coded in them, as the reader finds them. Selections
// keep their position attributes as written; qdpx_rows.go reads them.

// qdaTextRef is a text that selections count positions in: a text source,
// a PDF's text representation, a transcript.
type qdaTextRef struct {
	path    string  // plainTextPath
	content *string // PlainTextContent
	rich    bool    // has rich text (richTextPath) only
	what    string  // for messages: "text", "PDF text representation"...
	done    bool
	text    *qdaText
	why     string // why text is nil
}

type qdaSource struct {
	elem, guid, name, created string
	vars                      []qdaVar
	sels                      []*qdaSel
}

type qdaSel struct {
	elem, guid, user, created string
	line                      int
	pos                       map[string]string // position attributes as written
	text                      *qdaTextRef       // the text its positions count in
	own                       *qdaTextRef       // a PDF selection's own text representation
	tr                        *qdaTranscript
	whole                     bool // codings of the source as a whole
	dupOf                     int  // line of an earlier selection with the same GUID
	codings                   []*qdaCoding
}

type qdaCoding struct {
	guid, code, user, created string
	hasRef                    bool
	line, row                 int
	dupOf                     int // row of an earlier coding with the same GUID
}

type qdaTranscript struct {
	text *qdaTextRef
	sync map[string][2]string // sync point guid -> position, timeStamp
}

var qdaSourceKinds = map[string]bool{"TextSource": true, "PDFSource": true, "PictureSource": true, "AudioSource": true, "VideoSource": true}

func (q *qdaParser) sources() error {
	return q.each(func(t xml.StartElement) error {
		if !qdaSourceKinds[t.Name.Local] {
			return q.skip()
		}
		s, err := q.source(t)
		if err != nil {
			return err
		}
		return q.sink.source(q.p, s)
	})
}

func (q *qdaParser) source(t xml.StartElement) (*qdaSource, error) {
	g, err := q.define(t)
	if err != nil {
		return nil, err
	}
	s := &qdaSource{elem: t.Name.Local, guid: g, name: strings.TrimSpace(attr(t, "name")), created: attr(t, "creationDateTime")}
	var text *qdaTextRef
	if s.elem == "TextSource" {
		text = &qdaTextRef{path: attr(t, "plainTextPath"), rich: attr(t, "richTextPath") != "", what: "text"}
	}
	var whole *qdaSel
	err = q.each(func(t xml.StartElement) error {
		switch name := t.Name.Local; {
		case name == "PlainTextContent" && text != nil:
			c, err := q.text()
			text.content = &c
			return err
		case name == "PlainTextSelection" && text != nil:
			sel, err := q.selection(t, text)
			s.sels = append(s.sels, sel)
			return err
		case name == "Representation" && s.elem == "PDFSource", name == "TextDescription" && s.elem == "PictureSource":
			what := "PDF's text representation"
			if name == "TextDescription" {
				what = "picture's text description"
			}
			return q.textHolder(t, s, what)
		case name == "PDFSelection" && s.elem == "PDFSource",
			name == "PictureSelection" && s.elem == "PictureSource",
			name == "AudioSelection" && s.elem == "AudioSource",
			name == "VideoSelection" && s.elem == "VideoSource":
			sel, err := q.selection(t, nil)
			s.sels = append(s.sels, sel)
			return err
		case name == "Transcript" && (s.elem == "AudioSource" || s.elem == "VideoSource"):
			return q.transcript(t, s)
		case name == "Coding":
			if whole == nil {
				whole = &qdaSel{elem: s.elem, guid: g, whole: true, line: q.line()}
				s.sels = append(s.sels, whole)
			}
			c, err := q.coding(t)
			whole.codings = append(whole.codings, c)
			return err
		case name == "VariableValue":
			v, err := q.varValue()
			s.vars = append(s.vars, v)
			return err
		}
		return q.skip()
	})
	if s.elem == "PDFSource" {
		s.sels = q.pairPDF(s.sels)
	}
	return s, err
}

// pairPDF keeps one of each quotation ATLAS.ti writes twice in a PDF: as a
// PDFSelection (an area of a page) and as a PlainTextSelection of the PDF's
// text representation, with the same GUID. The text one is kept, as it
// gives the excerpt; the other's codings join it, but for those of a code
// it already has (the same coding, written twice).
func (q *qdaParser) pairPDF(sels []*qdaSel) []*qdaSel {
	texts := map[string]*qdaSel{}
	for _, sel := range sels {
		if sel.elem == "PlainTextSelection" && sel.guid != "" {
			texts[sel.guid] = sel
		}
	}
	if len(texts) == 0 {
		return sels
	}
	dropped := map[int]bool{} // rows of codings left out
	out := sels[:0]
	var kept []*qdaSel
	for _, sel := range sels {
		t := texts[sel.guid]
		if sel.elem != "PDFSelection" || t == nil {
			out = append(out, sel)
			continue
		}
		has := map[string]bool{}
		for _, c := range t.codings {
			has[c.code] = true
		}
		for _, c := range sel.codings {
			if c.hasRef && has[c.code] {
				dropped[c.row] = true
				continue
			}
			c.dupOf = 0
			t.codings = append(t.codings, c)
		}
		t.dupOf = 0
		kept = append(kept, t)
		q.p.pairs++
	}
	for _, t := range kept {
		for _, c := range t.codings {
			if dropped[c.dupOf] {
				c.dupOf = 0 // its copy was the one left out
			}
		}
	}
	return out
}

// textHolder reads a PDF's Representation or a picture's TextDescription: a
// text with selections of its own.
func (q *qdaParser) textHolder(t xml.StartElement, s *qdaSource, what string) error {
	ref := &qdaTextRef{path: attr(t, "plainTextPath"), rich: attr(t, "richTextPath") != "", what: what}
	return q.each(func(t xml.StartElement) error {
		switch t.Name.Local {
		case "PlainTextContent":
			c, err := q.text()
			ref.content = &c
			return err
		case "PlainTextSelection":
			sel, err := q.selection(t, ref)
			s.sels = append(s.sels, sel)
			return err
		}
		return q.skip()
	})
}

func (q *qdaParser) transcript(t xml.StartElement, s *qdaSource) error {
	tr := &qdaTranscript{text: &qdaTextRef{path: attr(t, "plainTextPath"), rich: attr(t, "richTextPath") != "", what: "transcript"},
		sync: map[string][2]string{}}
	return q.each(func(t xml.StartElement) error {
		switch t.Name.Local {
		case "PlainTextContent":
			c, err := q.text()
			tr.text.content = &c
			return err
		case "SyncPoint":
			tr.sync[normGUID(attr(t, "guid"))] = [2]string{attr(t, "position"), attr(t, "timeStamp")}
		case "TranscriptSelection":
			sel, err := q.selection(t, tr.text)
			sel.tr = tr
			s.sels = append(s.sels, sel)
			return err
		}
		return q.skip()
	})
}

// qdaPosAttrs are the attributes that place a selection in its source.
var qdaPosAttrs = []string{"startPosition", "endPosition", "page", "firstX", "firstY", "secondX", "secondY", "begin", "end", "fromSyncPoint", "toSyncPoint"}

func (q *qdaParser) selection(t xml.StartElement, text *qdaTextRef) (*qdaSel, error) {
	sel := &qdaSel{elem: t.Name.Local, guid: normGUID(attr(t, "guid")), text: text, line: q.line(),
		user: attr(t, "creatingUser"), created: attr(t, "creationDateTime"), pos: map[string]string{}}
	if sel.user == "" {
		sel.user = attr(t, "modifyingUser")
	}
	if sel.created == "" {
		sel.created = attr(t, "modifiedDateTime")
	}
	for _, a := range t.Attr {
		for _, p := range qdaPosAttrs {
			if a.Name.Local == p {
				sel.pos[p] = strings.TrimSpace(a.Value)
			}
		}
	}
	if sel.guid != "" {
		if prev, dup := q.sels[sel.guid]; dup {
			sel.dupOf = prev
		} else {
			q.sels[sel.guid] = sel.line
		}
	}
	err := q.each(func(t xml.StartElement) error {
		switch t.Name.Local {
		case "Coding":
			c, err := q.coding(t)
			sel.codings = append(sel.codings, c)
			return err
		case "Representation":
			ref := &qdaTextRef{path: attr(t, "plainTextPath"), rich: attr(t, "richTextPath") != "", what: "text representation of this area"}
			sel.own = ref
			return q.each(func(t xml.StartElement) error {
				if t.Name.Local == "PlainTextContent" {
					c, err := q.text()
					ref.content = &c
					return err
				}
				return q.skip()
			})
		}
		return q.skip()
	})
	return sel, err
}

func (q *qdaParser) coding(t xml.StartElement) (*qdaCoding, error) {
	q.row++
	c := &qdaCoding{guid: normGUID(attr(t, "guid")), user: attr(t, "creatingUser"), created: attr(t, "creationDateTime"), line: q.line(), row: q.row}
	if c.guid != "" {
		if prev, dup := q.codings[c.guid]; dup {
			c.dupOf = prev
		} else {
			q.codings[c.guid] = c.row
		}
	}
	err := q.each(func(t xml.StartElement) error {
		if t.Name.Local == "CodeRef" && !c.hasRef {
			c.code, c.hasRef = normGUID(attr(t, "targetGUID")), true
		}
		return q.skip()
	})
	return c, err
}
