package ingest

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// The REFI-QDA XML (project.qde in a .qdpx; a .qdc codebook) is read as a
// stream of tokens, in one pass: the definitions (users, codebook, variables,
// cases) come first, as the standard's schema orders them, and each source
// with its selections is handed on as soon as it ends, so a project of any
// size is read in little memory. Element names follow the standard's
// Project.xsd and Codebook.xsd (namespaces urn:QDA-XML:project:1.0 and
// urn:QDA-XML:codebook:1.0).

const (
	qdaProjectNS  = "urn:QDA-XML:project:"
	qdaCodebookNS = "urn:QDA-XML:codebook:"
	maxCodeDepth  = 100
)

// qdaProject is what a project's definitions say.
type qdaProject struct {
	name, origin string
	atlas        bool              // made by ATLAS.ti, which counts CR LF as one character
	users        map[string]string // guid -> name
	codes        map[string]*qdaCode
	codeList     []*qdaCode // in file order
	variables    map[string]string
	cases        map[string]*qdaCase
	caseList     []*qdaCase
	bySource     map[string][]*qdaCase // source guid -> cases naming it (SourceRef)
	bySel        map[string]*qdaCase   // selection guid -> case (SelectionRef)
	seen         map[string]int        // "Kind guid" -> line, for duplicate GUIDs
	pairs        int                   // ATLAS.ti's PDF quotations written twice, loaded once
}

func newQDAProject() *qdaProject {
	return &qdaProject{users: map[string]string{}, codes: map[string]*qdaCode{}, variables: map[string]string{},
		cases: map[string]*qdaCase{}, bySource: map[string][]*qdaCase{}, bySel: map[string]*qdaCase{}, seen: map[string]int{}}
}

type qdaCode struct {
	guid, name, path, parent, description string
	codable                               bool
	isCase                                bool // NVivo: a code with a case's GUID stands for the case
}

// qdaVar is a variable's value on a case or a source; canon is the
// interview_codes column its name is an alias of ("" if none).
type qdaVar struct{ norm, canon, value string }

type qdaCase struct {
	guid, name string
	vars       []qdaVar
}

// qdaSink receives what the reader finds: the definitions once, before the
// first source, then each source as it ends.
type qdaSink interface {
	defs(p *qdaProject) error
	source(p *qdaProject, s *qdaSource) error
}

type qdaParser struct {
	d       *xml.Decoder
	file    string
	p       *qdaProject
	sink    qdaSink
	stage   int
	row     int            // codings read
	sels    map[string]int // selection guid -> line
	codings map[string]int // coding guid -> row
	defined bool
}

var icAliases = schemas.KindByName("interview_codes").Aliases()

func newQDAParser(r io.Reader, file string, sink qdaSink) *qdaParser {
	d := xml.NewDecoder(r)
	d.CharsetReader = func(label string, in io.Reader) (io.Reader, error) {
		switch strings.ToLower(label) {
		case "utf8", "us-ascii", "ascii":
			return in, nil
		}
		return nil, fmt.Errorf("it is written in the %s encoding, and REFI-QDA files are UTF-8", label)
	}
	return &qdaParser{d: d, file: file, p: newQDAProject(), sink: sink, sels: map[string]int{}, codings: map[string]int{}}
}

// parseQDE reads a project.qde.
func parseQDE(r io.Reader, file string, sink qdaSink) error {
	q := newQDAParser(r, file, sink)
	root, err := q.root("Project", qdaProjectNS, "project")
	if err != nil {
		return err
	}
	q.p.name, q.p.origin = attr(root, "name"), attr(root, "origin")
	q.p.atlas = strings.Contains(strings.ToLower(q.p.origin), "atlas")
	stages := map[string]int{"Users": 1, "CodeBook": 2, "Variables": 3, "Cases": 4, "Sources": 5}
	order := "Users, CodeBook, Variables, Cases, Sources"
	err = q.each(func(t xml.StartElement) error {
		name := t.Name.Local
		if s, ok := stages[name]; ok {
			if s <= q.stage {
				return q.schemaErr("<%s> comes again or out of order; the standard has at most one each of %s, in that order", name, order)
			}
			q.stage = s
		}
		switch name {
		case "Users":
			return q.users()
		case "CodeBook":
			return q.each(func(t xml.StartElement) error {
				if t.Name.Local == "Codes" {
					return q.codes()
				}
				return q.skip()
			})
		case "Variables":
			return q.variables()
		case "Cases":
			return q.cases()
		case "Sources":
			if err := q.defs(); err != nil {
				return err
			}
			return q.sources()
		}
		return q.skip() // Notes, Links, Sets, Graphs, Description: nothing obs keeps
	})
	if err != nil {
		return err
	}
	return q.defs()
}

// parseQDC reads a .qdc codebook.
func parseQDC(r io.Reader, file string, sink qdaSink) error {
	q := newQDAParser(r, file, sink)
	root, err := q.root("CodeBook", qdaCodebookNS, "codebook")
	if err != nil {
		return err
	}
	q.p.origin = attr(root, "origin")
	err = q.each(func(t xml.StartElement) error {
		if t.Name.Local == "Codes" {
			return q.codes()
		}
		return q.skip()
	})
	if err != nil {
		return err
	}
	return q.defs()
}

// defs marks the codes that stand for cases and hands the definitions on, once.
func (q *qdaParser) defs() error {
	if q.defined {
		return nil
	}
	q.defined = true
	for _, c := range q.p.codeList {
		if _, ok := q.p.cases[c.guid]; ok {
			c.isCase = true
		}
	}
	return q.sink.defs(q.p)
}

func (q *qdaParser) line() int {
	l, _ := q.d.InputPos()
	return l
}

func (q *qdaParser) schemaErr(format string, args ...any) error {
	return qdaErrorf(ErrQDASchema, "%s%s: %s", q.file, q.at(), fmt.Sprintf(format, args...))
}

// at is where the reader is, for a message: " line N", or, in a project
// written as one line of XML, " at character N" (the message names the
// element too).
func (q *qdaParser) at() string {
	if l := q.line(); l > 1 {
		return fmt.Sprintf(" line %d", l)
	}
	return fmt.Sprintf(" at character %d", q.d.InputOffset())
}

// tok returns the next token, turning XML faults into refusals.
func (q *qdaParser) tok() (xml.Token, error) {
	t, err := q.d.Token()
	if err != nil {
		return nil, q.word(err)
	}
	return t, nil
}

// skip reads past the element just started.
func (q *qdaParser) skip() error {
	if err := q.d.Skip(); err != nil {
		return q.word(err)
	}
	return nil
}

// word turns a fault of the XML decoder into a refusal an evaluator can read.
func (q *qdaParser) word(err error) error {
	var se *xml.SyntaxError
	switch {
	case err == io.EOF, errors.Is(err, io.ErrUnexpectedEOF), errors.As(err, &se) && se.Msg == "unexpected EOF":
		return qdaErrorf(ErrQDASchema, "%s ends before its XML is complete (the file is cut short)", q.file)
	case errors.As(err, &se) && se.Line > 1:
		return qdaErrorf(ErrQDASchema, "%s line %d: the XML is damaged (%s)", q.file, se.Line, se.Msg)
	case errors.As(err, &se):
		return qdaErrorf(ErrQDASchema, "%s%s: the XML is damaged (%s)", q.file, q.at(), se.Msg)
	}
	return qdaErrorf(ErrQDASchema, "%s%s: the XML cannot be read (%v)", q.file, q.at(), err)
}

func (q *qdaParser) root(local, ns, what string) (xml.StartElement, error) {
	for {
		t, err := q.d.Token()
		if err == io.EOF {
			return xml.StartElement{}, qdaErrorf(ErrQDASchema, "%s holds no XML element; it is not a REFI-QDA %s", q.file, what)
		}
		if err != nil {
			return xml.StartElement{}, q.word(err)
		}
		if s, ok := t.(xml.StartElement); ok {
			if s.Name.Local != local || !strings.HasPrefix(s.Name.Space, ns) {
				return s, qdaErrorf(ErrQDASchema, "%s is not a REFI-QDA %s: its top element is <%s> (namespace %q) where the standard has <%s> in %s1.0",
					q.file, what, s.Name.Local, s.Name.Space, local, ns)
			}
			return s, nil
		}
	}
}

// each calls fn for each child element of the element just started; fn
// must read the child to its end (or Skip it).
func (q *qdaParser) each(fn func(xml.StartElement) error) error {
	for {
		t, err := q.tok()
		if err != nil {
			return err
		}
		switch t := t.(type) {
		case xml.StartElement:
			if err := fn(t); err != nil {
				return err
			}
		case xml.EndElement:
			return nil
		}
	}
}

// text reads the character data of the element just started.
func (q *qdaParser) text() (string, error) {
	var b strings.Builder
	for {
		t, err := q.tok()
		if err != nil {
			return "", err
		}
		switch t := t.(type) {
		case xml.CharData:
			b.Write(t)
		case xml.StartElement:
			if err := q.skip(); err != nil {
				return "", err
			}
		case xml.EndElement:
			return b.String(), nil
		}
	}
}

func attr(t xml.StartElement, name string) string {
	for _, a := range t.Attr {
		if a.Name.Local == name {
			return a.Value
		}
	}
	return ""
}

// normGUID folds a GUID for matching: the standard allows braces and either case.
func normGUID(g string) string {
	return strings.ToLower(strings.Trim(strings.TrimSpace(g), "{}"))
}

// define records a definition's GUID, refusing the file when another
// definition of the same kind already has it.
func (q *qdaParser) define(t xml.StartElement) (string, error) {
	g := normGUID(attr(t, "guid"))
	if g == "" {
		return "", q.schemaErr("<%s> has no guid, which the standard requires", t.Name.Local)
	}
	key := t.Name.Local + " " + g
	if prev, dup := q.p.seen[key]; dup {
		return "", qdaErrorf(ErrDuplicateGUID, "%s%s: two <%s> elements have the GUID %s%s; each must have its own, so the export is damaged",
			q.file, q.at(), t.Name.Local, g, strings.Replace(atLine(prev), "(line", "(the other is at line", 1))
	}
	q.p.seen[key] = q.line()
	return g, nil
}

func (q *qdaParser) users() error {
	return q.each(func(t xml.StartElement) error {
		if t.Name.Local == "User" {
			g, err := q.define(t)
			if err != nil {
				return err
			}
			q.p.users[g] = attr(t, "name")
		}
		return q.skip()
	})
}

// codes reads the Code elements of a Codes element.
func (q *qdaParser) codes() error {
	return q.each(func(t xml.StartElement) error {
		if t.Name.Local != "Code" {
			return q.skip()
		}
		return q.code(t, "", "", 0)
	})
}

// code reads one Code and the codes nested in it.
func (q *qdaParser) code(t xml.StartElement, parentPath, parent string, depth int) error {
	if depth >= maxCodeDepth {
		return q.schemaErr("codes are nested more than %d levels deep", maxCodeDepth)
	}
	g, err := q.define(t)
	if err != nil {
		return err
	}
	name := strings.TrimSpace(attr(t, "name"))
	if name == "" {
		return q.schemaErr("<Code guid=%q> has no name, which the standard requires", g)
	}
	c := &qdaCode{guid: g, name: name, path: name, parent: parent,
		codable: !strings.EqualFold(attr(t, "isCodable"), "false") && attr(t, "isCodable") != "0"}
	if parentPath != "" {
		c.path = parentPath + "/" + name
	}
	q.p.codes[g] = c
	q.p.codeList = append(q.p.codeList, c)
	return q.each(func(t xml.StartElement) error {
		switch t.Name.Local {
		case "Description":
			d, err := q.text()
			c.description = strings.TrimSpace(d)
			return err
		case "Code":
			return q.code(t, c.path, g, depth+1)
		}
		return q.skip()
	})
}

func (q *qdaParser) variables() error {
	return q.each(func(t xml.StartElement) error {
		if t.Name.Local == "Variable" {
			g, err := q.define(t)
			if err != nil {
				return err
			}
			q.p.variables[g] = attr(t, "name")
		}
		return q.skip()
	})
}

// varValue reads a VariableValue: the variable it gives and its value.
func (q *qdaParser) varValue() (qdaVar, error) {
	var name, value string
	err := q.each(func(t xml.StartElement) error {
		switch t.Name.Local {
		case "VariableRef":
			name = q.p.variables[normGUID(attr(t, "targetGUID"))]
			return q.skip()
		case "TextValue", "BooleanValue", "IntegerValue", "FloatValue", "DateValue", "DateTimeValue":
			v, err := q.text()
			value = strings.TrimSpace(v)
			return err
		}
		return q.skip()
	})
	return newQDAVar(name, value), err
}

func newQDAVar(name, value string) qdaVar {
	n := schemas.Norm(name)
	if i := strings.LastIndexByte(name, ':'); i >= 0 { // NVivo: "Cases:Age group"
		if tail := schemas.Norm(name[i+1:]); tail != "" {
			n = tail
		}
	}
	return qdaVar{norm: n, canon: icAliases[n], value: value}
}

func (q *qdaParser) cases() error {
	return q.each(func(t xml.StartElement) error {
		if t.Name.Local != "Case" {
			return q.skip()
		}
		g, err := q.define(t)
		if err != nil {
			return err
		}
		c := &qdaCase{guid: g, name: strings.TrimSpace(attr(t, "name"))}
		q.p.cases[g] = c
		q.p.caseList = append(q.p.caseList, c)
		return q.each(func(t xml.StartElement) error {
			switch t.Name.Local {
			case "VariableValue":
				v, err := q.varValue()
				c.vars = append(c.vars, v)
				return err
			case "SourceRef":
				s := normGUID(attr(t, "targetGUID"))
				q.p.bySource[s] = append(q.p.bySource[s], c)
			case "SelectionRef":
				q.p.bySel[normGUID(attr(t, "targetGUID"))] = c
			}
			return q.skip()
		})
	})
}
