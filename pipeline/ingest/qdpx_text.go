package ingest

import (
	"strings"
	"unicode/utf8"
)

// How positions in a REFI-QDA text are counted.
//
// Project.xsd types startPosition and endPosition only as integers; the
// standard's text (REFI-QDA 1.5, plain text selections) counts them in
// characters of the source's plain text from 0, the selection being the
// characters start, start+1, ..., end-1. Characters are Unicode code points,
// not bytes and not UTF-16 units, so "é", "ŵ" and an emoji are one character
// each; QualCoder, which reads the standard the same way, cuts selections
// out of its Python strings (code points) as fulltext[start:end].
//
// Line endings count as the characters they are in the plain text file: a
// Windows line ending (CR LF) is two characters. NVivo and MAXQDA write their
// positions that way; QualCoder's importer (refi.py, load_text_source) pads
// each line break to two characters when a source text has CR LF endings so
// that their selections line up. ATLAS.ti is the exception: it stores CR LF
// in the file but counts it as one character (QualCoder turns the padding off
// when the project's origin names ATLAS.ti), and obs does the same.
//
// A byte order mark at the start of the file (QualCoder writes one) is not a
// character of the text. A file that is not valid UTF-8 is read as
// Windows-1252, as the rest of obs reads UK files.

// qdaText is a source's plain text, indexed by code point.
type qdaText struct {
	s     string
	n     int     // code points
	ascii bool    // one byte per code point
	marks []int32 // byte offset of code point i*qdaMark
}

const qdaMark = 64

// newQDAText prepares raw text for cutting selections out of it; crlfOne
// counts a CR LF line ending as one character (ATLAS.ti).
func newQDAText(raw string, crlfOne bool) *qdaText {
	raw = strings.TrimPrefix(raw, "\ufeff")
	if !utf8.ValidString(raw) {
		raw = latin1(raw)
	}
	if crlfOne {
		raw = strings.ReplaceAll(raw, "\r\n", "\n")
	}
	t := &qdaText{s: raw, ascii: true}
	for i := 0; i < len(raw); i++ {
		if raw[i] >= utf8.RuneSelf {
			t.ascii = false
			break
		}
	}
	if t.ascii {
		t.n = len(raw)
		return t
	}
	for i := range raw { // i is the byte offset of each code point
		if t.n%qdaMark == 0 {
			t.marks = append(t.marks, int32(i))
		}
		t.n++
	}
	return t
}

// offset is the byte offset of code point i (0 <= i <= t.n).
func (t *qdaText) offset(i int) int {
	if t.ascii {
		return i
	}
	if i == t.n {
		return len(t.s)
	}
	off := int(t.marks[i/qdaMark])
	for k := i % qdaMark; k > 0; k-- {
		_, size := utf8.DecodeRuneInString(t.s[off:])
		off += size
	}
	return off
}

// cut returns the characters start..end-1; ok is false when they are not
// all in the text.
func (t *qdaText) cut(start, end int64) (string, bool) {
	if start < 0 || end < start || end > int64(t.n) {
		return "", false
	}
	return t.s[t.offset(int(start)):t.offset(int(end))], true
}
