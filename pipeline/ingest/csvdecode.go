package ingest

import (
	"bytes"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"

	"golang.org/x/text/encoding/charmap"
	"golang.org/x/text/encoding/unicode"
	"golang.org/x/text/transform"
	"golang.org/x/text/unicode/norm"
)

// How a CSV file's bytes become text. Excel writes CSV as UTF-8 with a byte
// order mark ("CSV UTF-8"), as UTF-16 with one ("Unicode text"), or, on
// Windows, as Windows-1252 ("CSV"), which has no mark; a file that is not
// UTF-8 from end to end is read as Windows-1252; after a UTF-8 mark, only
// its bytes that are not UTF-8 are. Names are then written one
// way (plainName) so that the same person gets the same pseudonym whatever
// program wrote the file.

var (
	bomUTF8    = []byte{0xEF, 0xBB, 0xBF}
	bomUTF16LE = []byte{0xFF, 0xFE}
	bomUTF16BE = []byte{0xFE, 0xFF}
)

// decodeCSV detects the encoding of a CSV file and gives its text as
// UTF-8, without a byte order mark, and the encoding's name.
func decodeCSV(f io.ReadSeeker) (io.Reader, string, error) {
	head := make([]byte, 3)
	n, err := io.ReadFull(f, head)
	if err != nil && err != io.ErrUnexpectedEOF && err != io.EOF {
		return nil, "", err
	}
	head = head[:n]
	if _, err := f.Seek(0, io.SeekStart); err != nil {
		return nil, "", err
	}
	start := int64(0)
	switch {
	case bytes.HasPrefix(head, bomUTF8):
		// The mark says UTF-8; bytes after it that are not UTF-8 are read
		// as Windows-1252, one at a time (strayBytes).
		start = 3
	case bytes.HasPrefix(head, bomUTF16LE):
		return transform.NewReader(f, unicode.UTF16(unicode.LittleEndian, unicode.ExpectBOM).NewDecoder()), "UTF-16", nil
	case bytes.HasPrefix(head, bomUTF16BE):
		return transform.NewReader(f, unicode.UTF16(unicode.BigEndian, unicode.ExpectBOM).NewDecoder()), "UTF-16", nil
	}
	if _, err := f.Seek(start, io.SeekStart); err != nil {
		return nil, "", err
	}
	valid, err := allUTF8(f)
	if err != nil {
		return nil, "", err
	}
	if _, err := f.Seek(start, io.SeekStart); err != nil {
		return nil, "", err
	}
	switch {
	case valid:
		return f, "UTF-8", nil
	case start > 0:
		return transform.NewReader(f, strayBytes{}), "UTF-8 with some bytes in Windows-1252", nil
	}
	return transform.NewReader(f, charmap.Windows1252.NewDecoder()), "Windows-1252", nil
}

// strayBytes passes UTF-8 through and reads each byte that is not part of
// a UTF-8 character as Windows-1252: a file marked as UTF-8 into which a
// program wrote a few characters the Windows way keeps its other text.
type strayBytes struct{ transform.NopResetter }

func (strayBytes) Transform(dst, src []byte, atEOF bool) (nDst, nSrc int, err error) {
	for nSrc < len(src) {
		r, size := utf8.DecodeRune(src[nSrc:])
		if r == utf8.RuneError && size <= 1 {
			if !atEOF && !utf8.FullRune(src[nSrc:]) {
				return nDst, nSrc, transform.ErrShortSrc
			}
			r, size = charmap.Windows1252.DecodeByte(src[nSrc]), 1
		}
		if nDst+utf8.RuneLen(r) > len(dst) {
			return nDst, nSrc, transform.ErrShortDst
		}
		nDst += utf8.EncodeRune(dst[nDst:], r)
		nSrc += size
	}
	return nDst, nSrc, nil
}

// allUTF8 reads r to the end and says whether it is all valid UTF-8.
func allUTF8(r io.Reader) (bool, error) {
	buf := make([]byte, 64<<10)
	carry := 0 // bytes of a character cut by the end of the last read
	for {
		n, err := r.Read(buf[carry:])
		data := buf[:carry+n]
		end := len(data)
		if err == nil {
			// Keep back a character that may continue in the next read.
			for i := 1; i <= utf8.UTFMax && i <= end; i++ {
				if utf8.RuneStart(data[end-i]) {
					if !utf8.FullRune(data[end-i : end]) {
						end -= i
					}
					break
				}
			}
		}
		if !utf8.Valid(data[:end]) {
			return false, nil
		}
		carry = copy(buf, data[end:])
		if err == io.EOF {
			return carry == 0, nil
		}
		if err != nil {
			return false, err
		}
	}
}

// nfc writes accented letters one way: as one character each (NFC).
func nfc(s string) string { return norm.NFC.String(s) }

// plainName writes a name one way: Unicode NFC (an accent as part of its
// letter, as most programs write it), curly quotes and dashes as straight
// ones, and non-breaking spaces as spaces.
func plainName(s string) string { return namePunct.Replace(norm.NFC.String(s)) }

var namePunct = strings.NewReplacer(
	"\u2018", "'", "\u2019", "'", "\u02bc", "'", "\u201b", "'", "\u2032", "'",
	"\u201c", `"`, "\u201d", `"`, "\u201f", `"`,
	"\u2010", "-", "\u2011", "-", "\u2012", "-", "\u2013", "-", "\u2014", "-", "\u2212", "-",
	"\u00a0", " ", "\u202f", " ",
)

// latin1 reads text that is not UTF-8 as Windows-1252 (of which Latin-1
// is a part), one character a byte, as Excel and Notepad write it in the UK.
func latin1(s string) string {
	if utf8.ValidString(s) {
		return s
	}
	out, err := charmap.Windows1252.NewDecoder().String(s)
	if err != nil {
		return strings.ToValidUTF8(s, "\ufffd")
	}
	return out
}

// tooManyFields quarantines a CSV line with more fields than its header
// (values beyond it), which would otherwise load shifted.
func (l *loader) tooManyFields(sh sheet, m *mapping, rs *rowState) bool {
	if _, ok := sh.(*csvSheet); !ok || len(rs.cells) <= len(m.headers) || blank(rs.cells[len(m.headers):]) {
		return false
	}
	l.fail(rs, m, -1, FieldCount, fmt.Errorf("this line has %d fields but the header has %d, so its values would load under the wrong columns; a value with a comma in it (such as £1,200.50) was probably split in two: put such values in double quotes (\"£1,200.50\") or write them without the comma, and load the file again",
		len(rs.cells), len(m.headers)))
	return true
}
