package ingest

// Reading the text of a worksheet cell: its reference, XML escapes, the
// _xHHHH_ escapes Excel adds for characters XML cannot hold, and the
// shared-string table.

import (
	"bytes"
	"cmp"
	"errors"
	"fmt"
	"io"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// columnOf is the column number of a cell reference such as "AB12".
func columnOf[T string | []byte](ref T) (int, error) {
	n := 0
	for i := 0; i < len(ref); i++ {
		c := ref[i]
		switch {
		case c >= 'A' && c <= 'Z':
			n = n*26 + int(c-'A'+1)
		case c >= 'a' && c <= 'z':
			n = n*26 + int(c-'a'+1)
		case c >= '0' && c <= '9' && i > 0:
			if n > 16384 {
				return 0, errors.New("column beyond XFD")
			}
			return n, nil
		default:
			return 0, errors.New("not a cell reference")
		}
	}
	if n == 0 || n > 16384 {
		return 0, errors.New("not a cell reference")
	}
	return n, nil
}

// decodeOOXML unescapes XML text and the _xHHHH_ escapes Excel writes for
// characters XML cannot hold.
func decodeOOXML(b []byte) string {
	s := unescape(b)
	if !strings.Contains(s, "_x") {
		return s
	}
	var out strings.Builder
	for i := 0; i < len(s); {
		if v, ok := hexEscape(s, i); ok {
			i += 7
			// A character beyond the first plane is written as two escapes (UTF-16).
			if utf16.IsSurrogate(rune(v)) {
				if w, ok := hexEscape(s, i); ok {
					if r := utf16.DecodeRune(rune(v), rune(w)); r != utf8.RuneError {
						out.WriteRune(r)
						i += 7
						continue
					}
				}
			}
			out.WriteRune(rune(v))
			continue
		}
		out.WriteByte(s[i])
		i++
	}
	return out.String()
}

// hexEscape reads an _xHHHH_ escape at s[i:].
func hexEscape(s string, i int) (uint64, bool) {
	if i+7 > len(s) || s[i] != '_' || s[i+1] != 'x' || s[i+6] != '_' {
		return 0, false
	}
	v, err := strconv.ParseUint(s[i+2:i+6], 16, 16)
	return v, err == nil
}

var entities = map[string]string{"amp": "&", "lt": "<", "gt": ">", "quot": `"`, "apos": "'"}

// unescape decodes XML character and entity references.
func unescape(b []byte) string {
	if bytes.IndexByte(b, '&') < 0 {
		return string(b)
	}
	var out strings.Builder
	for i := 0; i < len(b); i++ {
		if b[i] != '&' {
			out.WriteByte(b[i])
			continue
		}
		end := bytes.IndexByte(b[i:], ';')
		if end < 0 {
			out.Write(b[i:])
			break
		}
		ref := string(b[i+1 : i+end])
		switch {
		case entities[ref] != "":
			out.WriteString(entities[ref])
		case strings.HasPrefix(ref, "#x") || strings.HasPrefix(ref, "#X"):
			v, err := strconv.ParseUint(ref[2:], 16, 32)
			if err != nil {
				out.WriteString("&" + ref + ";")
			} else {
				out.WriteRune(rune(v))
			}
		case strings.HasPrefix(ref, "#"):
			v, err := strconv.ParseUint(ref[1:], 10, 32)
			if err != nil {
				out.WriteString("&" + ref + ";")
			} else {
				out.WriteRune(rune(v))
			}
		default:
			out.WriteString("&" + ref + ";")
		}
		i += end
	}
	return out.String()
}

// cellValue is a cell's raw value, as excelize's RawCellValue gives it.
func (s *fastSheet) cellValue(typ string, raw []byte) (string, error) {
	switch typ {
	case "s":
		i, ok := sharedIndex(raw)
		if !ok || i >= len(s.shared) {
			if len(raw) == 0 {
				return "", nil
			}
			return "", fmt.Errorf("%w (shared string %q out of range)", ErrDamaged, raw)
		}
		return s.shared[i], nil
	case "inlineStr", "str":
		if bytes.IndexByte(raw, '&') < 0 && !bytes.Contains(raw, []byte("_x")) {
			return s.intern(raw), nil
		}
		return decodeOOXML(raw), nil
	default: // n, b, e, d
		if bytes.IndexByte(raw, '&') < 0 {
			return s.intern(raw), nil
		}
		return unescape(raw), nil
	}
}

// cellType is a cell's type (its t attribute, t) as cellValue tells them
// apart: "s", "inlineStr", "str", or "" for the others, read as numbers are.
func cellType(t []byte) string {
	if bytes.IndexByte(t, '&') >= 0 {
		t = []byte(unescape(t))
	}
	switch string(t) {
	case "s":
		return "s"
	case "inlineStr":
		return "inlineStr"
	case "str":
		return "str"
	}
	return ""
}

// Interning keeps values up to internLen bytes, the first internMax of them.
const (
	internLen = 32
	internMax = 1 << 14
)

// intern is b as a string, made once for a short value that repeats.
func (s *fastSheet) intern(b []byte) string {
	if v, ok := s.interned[string(b)]; ok { // a lookup that does not allocate
		return v
	}
	v := string(b)
	if s.interned == nil {
		s.interned = map[string]string{}
	}
	if len(b) <= internLen && len(s.interned) < internMax {
		s.interned[v] = v
	}
	return v
}

// sharedIndex reads a shared string's index as strconv.Atoi would (spaces
// around it allowed), without making a string of it.
func sharedIndex(b []byte) (int, bool) {
	b = bytes.TrimSpace(b)
	neg := len(b) > 0 && b[0] == '-'
	if len(b) > 0 && (b[0] == '+' || b[0] == '-') {
		b = b[1:]
	}
	if len(b) == 0 {
		return 0, false
	}
	n := 0
	for _, c := range b {
		if c < '0' || c > '9' || n > 1<<31 {
			return 0, false
		}
		n = n*10 + int(c-'0')
	}
	return n, !neg || n == 0
}

// readShared reads the shared-string table: each <si>'s text, rich-text runs
// joined, phonetic runs left out.
func (b *xlsxBook) readShared() error {
	b.sharedOK = true
	p, ok := b.paths["#shared"]
	if !ok {
		return nil
	}
	rc, err := b.part(p)
	if err != nil {
		return err
	}
	defer rc.Close()
	sc := newScanner(io.LimitReader(rc, b.maxPart))
	var text []byte
	in, inT, phonetic := false, false, 0
	for {
		tok, err := sc.next()
		if err == io.EOF {
			return nil
		}
		if err != nil {
			return cmp.Or(b.budget.err, fmt.Errorf("%w (shared strings: %v)", ErrDamaged, err))
		}
		switch tok.kind {
		case tokStart, tokEmpty:
			switch string(tok.name) {
			case "si":
				if tok.kind == tokEmpty {
					b.shared = append(b.shared, "")
					continue
				}
				in, text = true, text[:0]
			case "t":
				inT = tok.kind == tokStart && phonetic == 0
			case "rPh":
				if tok.kind == tokStart {
					phonetic++
				}
			}
		case tokEnd:
			switch string(tok.name) {
			case "si":
				if in {
					b.shared = append(b.shared, decodeOOXML(text))
				}
				in = false
			case "t":
				inT = false
			case "rPh":
				phonetic--
			}
		case tokText:
			if in && inT {
				text = append(text, tok.text...)
			}
		}
	}
}
