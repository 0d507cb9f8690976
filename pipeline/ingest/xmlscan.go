package ingest

import (
	"bufio"
	"bytes"
	"errors"
	"io"
)

// scanner splits XML into tags and text, without building elements: enough
// for worksheets and shared strings, which are large and plain.
type scanner struct {
	r    *bufio.Reader
	buf  []byte // a token longer than the reader's buffer
	text []byte
	tok  token
	peek token // a tag read with the text before it, given next
	held bool  // peek holds a tag
}

type tokenKind int

const (
	tokStart tokenKind = iota // <name ...>
	tokEnd                    // </name>
	tokEmpty                  // <name ... />
	tokText                   // text between tags (undecoded)
)

// token is valid until the next call of next.
type token struct {
	kind  tokenKind
	name  []byte // local name, any prefix removed
	attrs []byte // the attributes, as written
	text  []byte
}

func newScanner(r io.Reader) *scanner {
	return &scanner{r: bufio.NewReaderSize(r, 256<<10)}
}

// readUntil reads up to and including delim; the slice is valid until the
// next read.
func (s *scanner) readUntil(delim byte) ([]byte, error) {
	b, err := s.r.ReadSlice(delim)
	if err != bufio.ErrBufferFull {
		return b, err
	}
	s.buf = append(s.buf[:0], b...)
	for err == bufio.ErrBufferFull {
		b, err = s.r.ReadSlice(delim)
		s.buf = append(s.buf, b...)
	}
	return s.buf, err
}

var errXML = errors.New("the XML is malformed")

// next returns the next token: text (CDATA joined in), a start, end or empty
// tag; comments, processing instructions and declarations are skipped. It
// stays one function: a byte-level scanner whose cases share the buffered
// text and the token being built, read best as one state machine.
func (s *scanner) next() (*token, error) {
	if s.held {
		// Its bytes are still in the reader's buffer: nothing was read since.
		s.held = false
		s.tok = s.peek
		return &s.tok, nil
	}
	for {
		// Text up to the next tag.
		text, err := s.readUntil('<')
		if err != nil {
			if err == io.EOF && len(bytes.TrimSpace(text)) == 0 {
				return nil, io.EOF
			}
			if err == io.EOF {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
		if len(text) > 1 {
			s.text = append(s.text[:0], text[:len(text)-1]...)
			if bytes.IndexByte(s.text, '\r') >= 0 { // XML reads CR LF and a lone CR as LF
				s.text = bytes.ReplaceAll(bytes.ReplaceAll(s.text, []byte("\r\n"), []byte("\n")), []byte("\r"), []byte("\n"))
			}
		} else {
			s.text = s.text[:0]
		}
		tag, err := s.readUntil('>')
		if err != nil {
			if err == io.EOF {
				return nil, io.ErrUnexpectedEOF
			}
			return nil, err
		}
		tag = tag[:len(tag)-1]
		// Comments, processing instructions, declarations and CDATA.
		if len(tag) > 0 && (tag[0] == '?' || tag[0] == '!') {
			switch {
			case bytes.HasPrefix(tag, []byte("!--")):
				for !bytes.HasSuffix(tag, []byte("--")) {
					more, err := s.readUntil('>')
					if err != nil {
						return nil, io.ErrUnexpectedEOF
					}
					tag = append(append([]byte(nil), tag...), more[:len(more)-1]...)
				}
			case bytes.HasPrefix(tag, []byte("![CDATA[")):
				data := append([]byte(nil), tag[len("![CDATA["):]...)
				for !bytes.HasSuffix(data, []byte("]]")) {
					more, err := s.readUntil('>')
					if err != nil {
						return nil, io.ErrUnexpectedEOF
					}
					data = append(append(data, '>'), more[:len(more)-1]...)
				}
				data = escapeText(data[:len(data)-2])
				s.text = append(s.text, data...)
				if len(s.text) > 0 {
					s.tok = token{kind: tokText, text: s.text}
					return &s.tok, nil
				}
			}
			if len(s.text) > 0 {
				s.tok = token{kind: tokText, text: s.text}
				return &s.tok, nil
			}
			continue
		}
		var t token
		switch {
		case len(tag) > 0 && tag[0] == '/':
			t = token{kind: tokEnd, name: localName(bytes.TrimSpace(tag[1:]))}
		default:
			kind := tokStart
			if len(tag) > 0 && tag[len(tag)-1] == '/' {
				kind, tag = tokEmpty, tag[:len(tag)-1]
			}
			name, attrs := tag, []byte(nil)
			for i, c := range tag {
				if c == ' ' || c == '\t' || c == '\r' || c == '\n' {
					name, attrs = tag[:i], tag[i:]
					break
				}
			}
			if len(name) == 0 {
				return nil, errXML
			}
			t = token{kind: kind, name: localName(name), attrs: attrs}
		}
		if len(s.text) > 0 {
			// Give the text first; the tag next time, from the same bytes.
			s.peek, s.held = t, true
			s.tok = token{kind: tokText, text: s.text}
			return &s.tok, nil
		}
		s.tok = t
		return &s.tok, nil
	}
}

// escapeText re-escapes CDATA so that it decodes like any other text.
func escapeText(b []byte) []byte {
	if bytes.IndexByte(b, '&') < 0 {
		return b
	}
	return bytes.ReplaceAll(b, []byte("&"), []byte("&amp;"))
}

func localName(b []byte) []byte {
	if i := bytes.IndexByte(b, ':'); i >= 0 {
		return b[i+1:]
	}
	return b
}

// tagAttr finds an attribute's value (by local name) among the attributes of a tag.
func tagAttr(attrs []byte, name string) (string, bool) {
	v, ok := attrBytes(attrs, name)
	if !ok {
		return "", false
	}
	return unescape(v), true
}

// attrBytes is tagAttr's value as written, escapes and all: a slice of
// attrs.
func attrBytes(attrs []byte, name string) (val []byte, found bool) {
	eachAttr(attrs, func(key, v []byte) bool {
		if string(key) == name {
			val, found = v, true
		}
		return !found
	})
	return val, found
}

// eachAttr gives fn each attribute's local name and value as written, in
// order, while fn returns true; it stops at the first malformed one.
func eachAttr(attrs []byte, fn func(key, val []byte) bool) {
	for len(attrs) > 0 {
		attrs = skipSpace(attrs)
		eq := bytes.IndexByte(attrs, '=')
		if eq < 0 {
			return
		}
		key := localName(bytes.TrimSpace(attrs[:eq]))
		rest := skipSpace(attrs[eq+1:])
		if len(rest) == 0 || (rest[0] != '"' && rest[0] != '\'') {
			return
		}
		q := rest[0]
		end := bytes.IndexByte(rest[1:], q)
		if end < 0 {
			return
		}
		if !fn(key, rest[1:1+end]) {
			return
		}
		attrs = rest[end+2:]
	}
}

// skipSpace is b after any XML white space it starts with.
func skipSpace(b []byte) []byte {
	for len(b) > 0 && (b[0] == ' ' || b[0] == '\t' || b[0] == '\r' || b[0] == '\n') {
		b = b[1:]
	}
	return b
}

// cellAttrs are the attributes of a cell tag obs reads: its reference r,
// type t and style s, as attrBytes finds each.
type cellAttrs struct {
	r, t, s          []byte
	hasR, hasT, hasS bool
}

// readCellAttrs reads a cell's attributes in one pass.
func readCellAttrs(attrs []byte) cellAttrs {
	var c cellAttrs
	eachAttr(attrs, func(key, v []byte) bool {
		switch {
		case len(key) != 1:
		case key[0] == 'r' && !c.hasR:
			c.r, c.hasR = v, true
		case key[0] == 't' && !c.hasT:
			c.t, c.hasT = v, true
		case key[0] == 's' && !c.hasS:
			c.s, c.hasS = v, true
		}
		return !(c.hasR && c.hasT && c.hasS)
	})
	return c
}
