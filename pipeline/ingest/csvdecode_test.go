package ingest

import (
	"bytes"
	"strings"
	"testing"
	"unicode/utf16"
	"unicode/utf8"
)

// win1252 encodes s as Windows-1252, byte by byte, from the table Excel
// uses (written here, not by the decoder under test); ok is false when s
// has a character the code page lacks.
func win1252(s string) ([]byte, bool) {
	high := map[rune]byte{'€': 0x80, '‚': 0x82, 'ƒ': 0x83, '„': 0x84, '…': 0x85, '†': 0x86, '‡': 0x87, 'ˆ': 0x88, '‰': 0x89,
		'Š': 0x8A, '‹': 0x8B, 'Œ': 0x8C, 'Ž': 0x8E, '‘': 0x91, '’': 0x92, '“': 0x93, '”': 0x94, '•': 0x95, '–': 0x96,
		'—': 0x97, '˜': 0x98, '™': 0x99, 'š': 0x9A, '›': 0x9B, 'œ': 0x9C, 'ž': 0x9E, 'Ÿ': 0x9F}
	var b []byte
	for _, r := range s {
		switch {
		case r < 0x80 || r >= 0xA0 && r <= 0xFF:
			b = append(b, byte(r))
		case high[r] != 0:
			b = append(b, high[r])
		default:
			return nil, false
		}
	}
	return b, true
}

func utf16Bytes(s string, little bool) []byte {
	b := []byte{0xFE, 0xFF}
	if little {
		b = []byte{0xFF, 0xFE}
	}
	for _, u := range utf16.Encode([]rune(s)) {
		if little {
			b = append(b, byte(u), byte(u>>8))
		} else {
			b = append(b, byte(u>>8), byte(u))
		}
	}
	return b
}

// csvRows reads a CSV file's bytes as ingest does: rows of cells.
func csvRows(t testing.TB, dir string, data []byte) []string {
	t.Helper()
	p := writeFile(t, dir+"/f.csv", data)
	wb, err := openCSV(p)
	if err != nil {
		t.Fatal(err)
	}
	sh, err := wb.Open("f")
	if err != nil {
		t.Fatal(err)
	}
	defer sh.Close()
	var rows []string
	for sh.Next() {
		rows = append(rows, strings.Join(sh.Row(), "|"))
	}
	return rows
}

// The same return saved by Excel in each of its CSV encodings reads the
// same, and its people get the same pseudonyms.
func TestCSVEncodings(t *testing.T) {
	// Row 3 in Windows-1252 is, alone, valid UTF-8 (Ã– is C3 96, "Ö"): only
	// the file as a whole says how to read it.
	text := "Area,Period,Name,Role\r\nhanwell,2021-22,Siobhán O’Brien – Kelly,chair\r\nhanwell,2021-22,Ã–lander Smith,member\r\n"
	cp, ok := win1252(text)
	if !ok {
		t.Fatal("the test's text must fit Windows-1252")
	}
	nfd := strings.ReplaceAll(text, "á", "a\u0301") // as macOS writes accents
	forms := map[string][]byte{
		"UTF-8":          []byte(text),
		"UTF-8 with BOM": append([]byte("\xEF\xBB\xBF"), text...),
		"UTF-16LE":       utf16Bytes(text, true),
		"UTF-16BE":       utf16Bytes(text, false),
		"Windows-1252":   cp,
		"UTF-8, NFD":     []byte(nfd),
	}
	want := csvRows(t, t.TempDir(), []byte(text))
	for name, data := range forms {
		if got := csvRows(t, t.TempDir(), data); strings.Join(got, "\n") != strings.Join(want, "\n") && name != "UTF-8, NFD" {
			t.Errorf("%s: rows\n%s\nwant\n%s", name, strings.Join(got, "\n"), strings.Join(want, "\n"))
		}
		e := newEnv(t)
		kr := e.opt.Keyring
		r := e.load(writeFile(t, e.path("roster.csv"), data))
		if r.Refused != nil || r.Loaded != 2 {
			t.Fatalf("%s: %+v %v", name, r, r.Problems)
		}
		var names []string
		rows, _ := e.st.DB.Query("SELECT member FROM partnership ORDER BY source_row")
		for rows.Next() {
			var m string
			rows.Scan(&m)
			names = append(names, m)
		}
		rows.Close()
		want := []string{kr.Pseudonym("Siobhán O'Brien - Kelly"), kr.Pseudonym("Ã–lander Smith")}
		if strings.Join(names, ",") != strings.Join(want, ",") {
			t.Errorf("%s: pseudonyms %v, want %v (the names as written in UTF-8, NFC, straight quotes)", name, names, want)
		}
	}
}

// A line with more fields than the header (an unquoted £1,200.50) is
// quarantined as a field-count error, never loaded shifted.
func TestCSVFieldCount(t *testing.T) {
	e := newEnv(t)
	csv := "area,date,recipient,amount,purpose\n" +
		"hanwell,01/05/2021,Tenants Group,£1,200.50,Garden tools\n" +
		"hanwell,02/05/2021,Play Club,\"£1,200.50\",Football kit\n" +
		"hanwell,03/05/2021,Book Club,350,Books,,\n"
	r := e.load(writeFile(t, e.path("grants.csv"), []byte(csv)))
	if r.Refused != nil || r.Loaded != 2 || r.Quarantined != 1 {
		t.Fatalf("loaded %d, quarantined %d: %v", r.Loaded, r.Quarantined, r.Problems)
	}
	p := problemAt(r, "grants!2")
	if p == nil || TypeOf(p) != FieldCount || !strings.Contains(p.Error(), "this line has 6 fields but the header has 5") {
		t.Errorf("problem = %v, want a field-count error on line 2", r.Problems)
	}
	if n := e.count("SELECT count(*) FROM grants WHERE amount = 1200.5 AND purpose = 'Football kit'"); n != 1 {
		t.Errorf("the quoted amount did not load as 1200.50 (%d)", n)
	}
}

// FuzzCSVDecode: any bytes decode to valid UTF-8 without a panic, and the
// same text in every encoding Excel writes reads the same.
func FuzzCSVDecode(f *testing.F) {
	for _, s := range []string{"a,b\n1,2\n", "Siobhán O’Brien;2,5\n", "é", "\xEF\xBB\xBFx", "\xFF\xFEx\x00", "\xE9t\xE9\n", "a\tb\n"} {
		f.Add([]byte(s))
	}
	dir := f.TempDir()
	f.Fuzz(func(t *testing.T, data []byte) {
		r, _, err := decodeCSV(bytes.NewReader(data))
		if err != nil {
			t.Fatal(err)
		}
		var out bytes.Buffer
		if _, err := out.ReadFrom(r); err != nil {
			t.Fatal(err)
		}
		if !utf8.Valid(out.Bytes()) {
			t.Fatalf("decoded %q to invalid UTF-8 %q", data, out.Bytes())
		}
		s := string(data)
		if !utf8.ValidString(s) || strings.HasPrefix(s, "\ufeff") || strings.ContainsRune(s, utf8.RuneError) {
			return
		}
		want := csvRows(t, dir, data)
		forms := [][]byte{append([]byte("\xEF\xBB\xBF"), data...), utf16Bytes(s, true), utf16Bytes(s, false)}
		if cp, ok := win1252(s); ok && !utf8.Valid(cp) {
			forms = append(forms, cp)
		}
		for _, form := range forms {
			if got := csvRows(t, dir, form); strings.Join(got, "\n") != strings.Join(want, "\n") {
				t.Fatalf("%q read as %q, want %q", form, got, want)
			}
		}
	})
}

// TestCSVMarkedUTF8NotUTF8: a file that starts with the UTF-8 mark but
// holds a few characters written as Windows-1252 (an editor keeping the
// mark) reads those as Windows-1252 and its UTF-8 text as written.
func TestCSVMarkedUTF8NotUTF8(t *testing.T) {
	in := "\xEF\xBB\xBFname\nCaf\xE9 group\nJos\xC3\xA9 \xE2\x80\x94 \xEF\xBF\xBD\n"
	r, enc, err := decodeCSV(bytes.NewReader([]byte(in)))
	if err != nil {
		t.Fatal(err)
	}
	var out bytes.Buffer
	if _, err := out.ReadFrom(r); err != nil {
		t.Fatal(err)
	}
	if enc != "UTF-8 with some bytes in Windows-1252" || out.String() != "name\nCafé group\nJosé — \ufffd\n" {
		t.Errorf("read as %s: %q", enc, out.String())
	}
}
