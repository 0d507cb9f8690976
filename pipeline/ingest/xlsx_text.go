package ingest

// Reading the text of a worksheet cell: its reference, XML escapes, and the
// _xHHHH_ escapes Excel adds for characters XML cannot hold.

import (
	"bytes"
	"errors"
	"strconv"
	"strings"
	"unicode/utf16"
	"unicode/utf8"
)

// columnOf is the column number of a cell reference such as "AB12".
func columnOf(ref string) (int, error) {
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
