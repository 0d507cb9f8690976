package ingest

import (
	"database/sql"
	"errors"
	"fmt"
	"strings"
	"testing"
	"time"
	"unicode/utf8"

	"github.com/ourbiggerstory/obs/pipeline/position"
)

// A project as NVivo or QualCoder would export it: two coders, a nested
// codebook, cases with an area variable, text sources with accents, Welsh,
// emoji and Windows line endings, a PDF, audio and a picture, and codings
// that break the contract.
const (
	text1 = "Interviewer: Tell us about the group.\r\nAnna Jones said the café was ŵonderful 😀 and busy.\r\nIn the end the working group decides, not the council.\r\n"
	text2 = "We wanted residents in charge.\nThe chair listens now."
	text3 = "Our volunteers run the lunch club."
	text4 = "Minutes of the partnership meeting.\r\nThe partnership agreed the plan."
	text6 = "No case here."
)

func mainProject(t testing.TB) (string, map[string]string) {
	u1, u2 := gid('u', 1), gid('u', 2)
	c := func(n int) string { return gid('c', n) }
	p1s, p1e := chars(t, text1, "Anna Jones said the café was ŵonderful 😀")
	p2s, p2e := chars(t, text1, "the working group decides")
	n1 := utf8.RuneCountInString(text1)
	p6s, p6e := chars(t, text2, "residents in charge")
	p7s, p7e := chars(t, text3, "volunteers run the lunch club")
	p8s, p8e := chars(t, text4, "partnership agreed the plan")
	p12s, p12e := chars(t, text6, "No case")
	caseOf := func(n int, name, area, role string, sources ...int) string {
		s := fmt.Sprintf(`<Case guid="%s" name="%s"><Description/>`, gid('k', n), name) +
			fmt.Sprintf(`<VariableValue><VariableRef targetGUID="%s"/><TextValue>%s</TextValue></VariableValue>`, gid('v', 1), area) +
			fmt.Sprintf(`<VariableValue><VariableRef targetGUID="%s"/><TextValue>%s</TextValue></VariableValue>`, gid('v', 2), role)
		for _, src := range sources {
			s += fmt.Sprintf(`<SourceRef targetGUID="%s"/>`, gid('s', src))
		}
		return s + "</Case>"
	}
	qde := project("NVivo 14",
		`<Users><User guid="`+u1+`" name="Sam Coder"/><User guid="`+u2+`" name="Alex Analyst"/></Users>`,
		`<CodeBook><Codes>
  <Code guid="`+c(1)+`" name="Leadership" isCodable="false">
    <Code guid="`+c(2)+`" name="Working groups" isCodable="true">
      <Code guid="`+c(3)+`" name="Delegation" isCodable="true"/>
    </Code>
    <Code guid="`+c(4)+`" name="Partnership" isCodable="true"/>
  </Code>
  <Code guid="`+c(5)+`" name="Voice" isCodable="true"><Description>Residents speaking for themselves: Anna Jones's idea</Description></Code>
</Codes></CodeBook>`,
		`<Variables>
  <Variable guid="`+gid('v', 1)+`" name="Area" typeOfVariable="Text"/>
  <Variable guid="`+gid('v', 2)+`" name="Cases:Role" typeOfVariable="Text"/>
  <Variable guid="`+gid('v', 3)+`" name="Type" typeOfVariable="Text"/>
</Variables>`,
		`<Cases>`+caseOf(1, "Anna Jones", "birchfield", "resident", 1, 4, 5, 7)+
			caseOf(2, "Rhys Evans", "Hanwell", "partnership member", 2)+
			caseOf(3, "Carys Morgan", "Birchfeild", "resident", 3)+`</Cases>`,
		`<Sources>
<TextSource guid="`+gid('s', 1)+`" name="Interview Anna Jones" plainTextPath="internal://`+gid('s', 1)+`.txt" richTextPath="internal://`+gid('s', 1)+`.docx" creatingUser="`+u1+`" creationDateTime="2021-05-10T09:00:00Z">
  `+textSel(gid('p', 1), p1s, p1e, coding(gid('g', 1), c(2), u1, "2021-06-01"))+`
  `+textSel(gid('p', 2), p2s, p2e, coding(gid('g', 2), c(3), u2, "2021-06-02"), coding(gid('g', 3), c(5), u1, "2021-06-02"))+`
  `+textSel(gid('p', 3), n1-3, n1+10, coding(gid('g', 4), c(5), u1, "2021-06-02"))+`
  `+textSel(gid('p', 4), 0, 5, coding(gid('g', 5), gid('c', 99), u1, "2021-06-02"))+`
  `+textSel(gid('p', 5), 0, 5, coding(gid('g', 1), c(5), u1, "2021-06-02"))+`
  `+coding(gid('g', 6), c(4), u1, "2021-06-03")+`
  <VariableValue><VariableRef targetGUID="`+gid('v', 3)+`"/><TextValue>interview</TextValue></VariableValue>
</TextSource>
<TextSource guid="`+gid('s', 2)+`" name="Interview 2"><PlainTextContent>`+esc(text2)+`</PlainTextContent>
  `+textSel(gid('p', 6), p6s, p6e, coding(gid('g', 7), c(5), u1, "2022-06-01"))+`
</TextSource>
<TextSource guid="`+gid('s', 3)+`" name="Interview 3" creationDateTime="2021-07-01T09:00:00Z"><PlainTextContent>`+esc(text3)+`</PlainTextContent>
  `+textSel(gid('p', 7), p7s, p7e, coding(gid('g', 8), c(2), u1, ""))+`
</TextSource>
<PDFSource guid="`+gid('s', 4)+`" name="Minutes.pdf" path="internal://`+gid('s', 4)+`.pdf" creationDateTime="2021-05-11T09:00:00Z">
  <PDFSelection guid="`+gid('p', 9)+`" page="1" firstX="10" firstY="20" secondX="200" secondY="80">`+coding(gid('g', 9), c(5), u1, "")+`</PDFSelection>
  <PDFSelection guid="`+gid('p', 10)+`" page="2" firstX="0" firstY="0" secondX="100" secondY="50"><Representation guid="`+gid('r', 10)+`"><PlainTextContent>Budget agreed</PlainTextContent></Representation>`+coding(gid('g', 10), c(4), u1, "")+`</PDFSelection>
  <Representation guid="`+gid('r', 4)+`" plainTextPath="internal://`+gid('r', 4)+`.txt">
    `+textSel(gid('p', 8), p8s, p8e, coding(gid('g', 11), c(4), u2, ""))+`
  </Representation>
</PDFSource>
<AudioSource guid="`+gid('s', 5)+`" name="Focus group.m4a" path="internal://`+gid('s', 5)+`.m4a" creationDateTime="2021-05-12T09:00:00Z">
  <AudioSelection guid="`+gid('p', 11)+`" begin="61000" end="65500">`+coding(gid('g', 12), c(2), u1, "")+`</AudioSelection>
</AudioSource>
<PictureSource guid="`+gid('s', 7)+`" name="Noticeboard.jpg" path="internal://`+gid('s', 7)+`.jpg" creationDateTime="2021-05-12T09:00:00Z">
  <PictureSelection guid="`+gid('p', 13)+`" firstX="1" firstY="2" secondX="30" secondY="40">`+coding(gid('g', 13), c(5), u1, "")+`</PictureSelection>
</PictureSource>
<TextSource guid="`+gid('s', 6)+`" name="Notes" creationDateTime="2021-05-13T09:00:00Z"><PlainTextContent>`+esc(text6)+`</PlainTextContent>
  `+textSel(gid('p', 12), p12s, p12e, coding(gid('g', 14), c(5), u1, ""))+`
</TextSource>
</Sources>`,
		`<Notes><Note guid="`+gid('n', 1)+`" name="Memo"><PlainTextContent>Anna Jones memo</PlainTextContent></Note></Notes>`)
	files := map[string]string{
		"sources/" + gid('s', 1) + ".txt":  text1,
		"sources/" + gid('s', 1) + ".docx": "PK not really a docx",
		"Sources/" + gid('r', 4) + ".txt":  text4,
		"sources/" + gid('s', 5) + ".m4a":  "audio bytes",
	}
	return qde, files
}

func TestQDPXProject(t *testing.T) {
	e := newEnv(t)
	e.opt.PeriodFrom = "created" // the sources were added to the project when recorded
	qde, files := mainProject(t)
	r := e.load(writeQDPX(t, e.path("interviews.qdpx"), qde, files))
	if r.Refused != nil {
		t.Fatal(r.Refused)
	}
	// Round trip: every Coding under Sources is a row loaded or quarantined;
	// every Code is in qda_codes.
	sources := qde[strings.Index(qde, "<Sources>"):strings.Index(qde, "</Sources>")]
	codings := strings.Count(sources, "<Coding ")
	if r.Rows != codings || r.Loaded+r.Quarantined != codings || r.Blank != 0 {
		t.Errorf("rows %d loaded %d quarantined %d blank %d; the project has %d codings", r.Rows, r.Loaded, r.Quarantined, r.Blank, codings)
	}
	if r.Loaded != 10 || r.Quarantined != 5 {
		t.Errorf("loaded %d quarantined %d, want 10 and 5", r.Loaded, r.Quarantined)
	}
	if n := e.count("SELECT count(*) FROM interview_codes WHERE load_id = ?", r.LoadID); n != r.Loaded {
		t.Errorf("interview_codes holds %d rows, result says %d", n, r.Loaded)
	}
	if n, want := e.count("SELECT count(*) FROM qda_codes WHERE load_id = ? AND origin = 'qdpx'", r.LoadID), strings.Count(qde, "<Code guid="); n != want {
		t.Errorf("qda_codes holds %d codes, the project %d", n, want)
	}
	if got := strings.Join(r.Kinds, ", "); got != "interview_codes, codebook (5 codes)" {
		t.Errorf("kinds %q", got)
	}

	kr := e.opt.Keyring
	anna, rhys, sam, alex := kr.Pseudonym("Anna Jones"), kr.Pseudonym("Rhys Evans"), kr.Pseudonym("Sam Coder"), kr.Pseudonym("Alex Analyst")
	type row struct {
		area, source, code, sourceType, participant, role, date, excerpt, coder, ref string
		period                                                                       int
	}
	get := func(num int) row {
		t.Helper()
		var x row
		var d sql.NullTime
		var ex, part, role, coder sql.NullString
		err := e.st.DB.QueryRow(`SELECT area_id, source, code, source_type, participant, participant_role, interview_date, excerpt, coder, segment_ref, period
			FROM interview_codes WHERE load_id = ? AND source_sheet = 'project.qde' AND source_row = ?`, r.LoadID, num).
			Scan(&x.area, &x.source, &x.code, &x.sourceType, &part, &role, &d, &ex, &coder, &x.ref, &x.period)
		if err != nil {
			t.Fatalf("coding %d: %v", num, err)
		}
		x.participant, x.role, x.excerpt, x.coder = part.String, role.String, ex.String, coder.String
		if d.Valid {
			x.date = d.Time.Format(time.DateOnly)
		}
		return x
	}
	p1s, p1e := chars(t, text1, "Anna Jones said the café was ŵonderful 😀")
	want := map[int]row{
		1: {"birchfield", "Interview [" + anna + "]", "Leadership/Working groups", "interview", anna, "resident", "2021-05-10",
			"[" + anna + "] said the café was ŵonderful 😀", sam, fmt.Sprintf("chars %d–%d", p1s, p1e), 2021},
		2: {"birchfield", "Interview [" + anna + "]", "Leadership/Working groups/Delegation", "interview", anna, "resident", "2021-05-10",
			"the working group decides", alex, "", 2021},
		3:  {"birchfield", "Interview [" + anna + "]", "Voice", "interview", anna, "resident", "2021-05-10", "the working group decides", sam, "", 2021},
		7:  {"birchfield", "Interview [" + anna + "]", "Leadership/Partnership", "interview", anna, "resident", "2021-05-10", "", sam, "whole source", 2021},
		8:  {"hanwell", "Interview 2", "Voice", "text", rhys, "partnership member", "2022-06-01", "residents in charge", sam, "", 2022},
		10: {"birchfield", "Minutes.pdf", "Voice", "pdf", anna, "resident", "2021-05-11", "", sam, "PDF page 1 (counted from 0), area (10,20)–(200,80)", 2021},
		11: {"birchfield", "Minutes.pdf", "Leadership/Partnership", "pdf", anna, "resident", "2021-05-11", "Budget agreed", sam, "PDF page 2 (counted from 0), area (0,0)–(100,50)", 2021},
		12: {"birchfield", "Minutes.pdf", "Leadership/Partnership", "pdf", anna, "resident", "2021-05-11", "partnership agreed the plan", alex, "", 2021},
		13: {"birchfield", "Focus group.m4a", "Leadership/Working groups", "audio", anna, "resident", "2021-05-12", "", sam, "audio 0:01:01.000–0:01:05.500", 2021},
		14: {"birchfield", "Noticeboard.jpg", "Voice", "picture", anna, "resident", "2021-05-12", "", sam, "picture area (1,2)–(30,40)", 2021},
	}
	for num, w := range want {
		g := get(num)
		if w.ref == "" {
			w.ref = g.ref
			if !strings.HasPrefix(g.ref, "chars ") {
				t.Errorf("coding %d: segment_ref %q", num, g.ref)
			}
		}
		if g != w {
			t.Errorf("coding %d:\n got %+v\nwant %+v", num, g, w)
		}
	}
	// The CRLF before "the working group decides" counts as two characters.
	if g := get(12); g.ref != fmt.Sprintf("chars %d–%d of the PDF's text", strings.Index(text4, "partnership agreed"), strings.Index(text4, "partnership agreed")+len("partnership agreed the plan")) {
		t.Errorf("PDF text segment_ref %q", g.ref)
	}

	// Quarantined, with the coding's place, element and GUID.
	wantQ := []struct {
		row  int
		typ  ErrorType
		msgs []string
	}{
		{4, BadPosition, []string{"Coding " + gid('g', 4), "PlainTextSelection " + gid('p', 3), "lies outside its text, which has " + fmt.Sprint(utf8.RuneCountInString(text1)) + " characters"}},
		{5, UnknownCode, []string{"Coding " + gid('g', 5), "points at code " + gid('c', 99), "not in the project's codebook"}},
		{6, DuplicateRow, []string{"Coding " + gid('g', 1), "same GUID as coding 1"}},
		{9, UnknownArea, []string{"Coding " + gid('g', 8), `"Birchfeild" is not a known area`, "did you mean Birchfield (birchfield)"}},
		{15, NoArea, []string{"Coding " + gid('g', 14), `no area: nothing in the project says which Big Local area this passage is from (neither its case nor its source has a variable "area")`}},
	}
	var quarantined []*position.Error
	for _, p := range r.Problems {
		if TypeOf(p) != NoExcerpt {
			quarantined = append(quarantined, p)
		}
	}
	if len(quarantined) != len(wantQ) {
		t.Fatalf("problems: %v", r.Problems)
	}
	for i, w := range wantQ {
		p := quarantined[i]
		msg := p.Error()
		if p.Line != w.row || TypeOf(p) != w.typ || !strings.HasPrefix(msg, fmt.Sprintf("interviews.qdpx:project.qde!%d: ", w.row)) {
			t.Errorf("problem %d: %s %v; want row %d %s", i, TypeOf(p), p, w.row, w.typ)
		}
		for _, m := range w.msgs {
			if !strings.Contains(msg, m) {
				t.Errorf("problem %d: %q lacks %q", i, msg, m)
			}
		}
	}
	if n := e.count("SELECT count(DISTINCT row) FROM quarantine WHERE load_id = ?", r.LoadID); n != 5 {
		t.Errorf("quarantine holds %d rows, want 5", n)
	}
	// The PDF area without text is loaded, and listed.
	var listed []string
	for _, p := range r.Problems {
		if TypeOf(p) == NoExcerpt {
			listed = append(listed, p.Error())
		}
	}
	if len(listed) != 1 || !strings.Contains(listed[0], "project.qde!10: ") || !strings.Contains(listed[0], "no text representation of this area of the PDF") {
		t.Errorf("listed without text: %q", listed)
	}
	if n := e.count("SELECT count(*) FROM quarantine WHERE error_type = 'no-excerpt'"); n != 0 {
		t.Errorf("%d no-excerpt rows quarantined", n)
	}

	// No name anywhere: not in rows, quarantine, codes or the load record;
	// no source document either.
	for _, q := range []string{
		"SELECT count(*) FROM interview_codes WHERE concat_ws('|', source, code, participant, excerpt, coder, source_type, participant_role) SIMILAR TO '.*(Anna|Jones|Rhys|Evans|Carys|Morgan|Sam Coder|Alex).*'",
		"SELECT count(*) FROM quarantine WHERE concat_ws('|', message, raw) SIMILAR TO '.*(Anna|Jones|Rhys|Evans|Carys|Morgan|Sam Coder|Alex).*'",
		"SELECT count(*) FROM qda_codes WHERE concat_ws('|', project, path, name, description) SIMILAR TO '.*(Anna|Jones).*'",
		"SELECT count(*) FROM loads WHERE concat_ws('|', file, sheets, kinds) SIMILAR TO '.*(Anna|Jones).*'",
		"SELECT count(*) FROM interview_codes WHERE excerpt LIKE '%council%' OR excerpt LIKE '%Interviewer%'",
	} {
		if n := e.count(q); n != 0 {
			t.Errorf("%s: %d", q, n)
		}
	}
	var desc string
	if err := e.st.DB.QueryRow("SELECT description FROM qda_codes WHERE name = 'Voice'").Scan(&desc); err != nil || desc != "Residents speaking for themselves: ["+anna+"]'s idea" {
		t.Errorf("Voice's description %q (%v)", desc, err)
	}
	var path, parent string
	var codable bool
	if err := e.st.DB.QueryRow("SELECT path, parent_guid, codable FROM qda_codes WHERE guid = ?", gid('c', 3)).Scan(&path, &parent, &codable); err != nil ||
		path != "Leadership/Working groups/Delegation" || parent != gid('c', 2) || !codable {
		t.Errorf("Delegation: %q %q %v (%v)", path, parent, codable, err)
	}
	if n := e.count("SELECT count(*) FROM qda_codes WHERE NOT codable"); n != 1 {
		t.Errorf("%d folders, want 1 (Leadership)", n)
	}
}

// ATLAS.ti counts a Windows line ending as one character; a byte order mark
// is not a character.
func TestQDPXPositions(t *testing.T) {
	text := "\ufeffLine one.\r\nLine two: Siân’s café 🙂 works.\r\nLine three."
	body := strings.TrimPrefix(text, "\ufeff")
	for _, tc := range []struct {
		origin string
		text   string // as the positions count
	}{
		{"NVivo 14", body},
		{"MAXQDA 2022", body},
		{"ATLAS.ti 23", strings.ReplaceAll(body, "\r\n", "\n")},
	} {
		t.Run(tc.origin, func(t *testing.T) {
			e := newEnv(t)
			e.opt.PeriodFrom = "created" // the sources were added to the project when recorded
			var sels string
			subs := []string{"Siân’s café 🙂", "Line three", "Line one.\r\nLine two"}
			if strings.HasPrefix(tc.origin, "ATLAS") {
				subs[2] = "Line one.\nLine two"
			}
			for i, sub := range subs {
				s, en := chars(t, tc.text, sub)
				sels += textSel(gid('p', i), s, en, coding(gid('g', i), gid('c', 1), "", "2021-06-01"))
			}
			qde := project(tc.origin,
				`<CodeBook><Codes><Code guid="`+gid('c', 1)+`" name="Place" isCodable="true"/></Codes></CodeBook>`,
				`<Sources><TextSource guid="`+gid('s', 1)+`" name="Birchfield walk" plainTextPath="internal://walk.txt">`+sels+`</TextSource></Sources>`)
			e.opt.AreaFrom = `source:^(\w+)`
			r := e.load(writeQDPX(t, e.path("p.qdpx"), qde, map[string]string{"sources/walk.txt": text}))
			if r.Refused != nil || r.Loaded != 3 {
				t.Fatalf("%v %+v", r.Refused, r.Problems)
			}
			for i, sub := range subs {
				var ex string
				if err := e.st.DB.QueryRow("SELECT excerpt FROM interview_codes WHERE source_row = ?", i+1).Scan(&ex); err != nil {
					t.Fatal(err)
				}
				if want := strings.TrimSpace(sub); ex != want {
					t.Errorf("coding %d: excerpt %q, want %q", i+1, ex, want)
				}
			}
		})
	}
}

func TestQDPXTextCutting(t *testing.T) {
	long := strings.Repeat("aé🙂ŵ", 100) // beyond one index mark
	for _, tc := range []struct {
		raw     string
		crlfOne bool
		st, en  int64
		want    string
		ok      bool
	}{
		{"abc", false, 0, 3, "abc", true},
		{"abc", false, 1, 1, "", true},
		{"abc", false, 2, 4, "", false},
		{"abc", false, -1, 2, "", false},
		{"abc", false, 2, 1, "", false},
		{"é🙂x", false, 1, 3, "🙂x", true},
		{"a\r\nb", false, 3, 4, "b", true},
		{"a\r\nb", true, 2, 3, "b", true},
		{"\ufeffab", false, 0, 1, "a", true},
		{"caf\xe9", false, 3, 4, "é", true}, // Windows-1252
		{long, false, 258, 262, "🙂ŵaé", true},
		{long, false, 0, 400, long, true},
	} {
		got, ok := newQDAText(tc.raw, tc.crlfOne).cut(tc.st, tc.en)
		if got != tc.want || ok != tc.ok {
			t.Errorf("%q [%d,%d) crlfOne=%v: %q %v, want %q %v", tc.raw, tc.st, tc.en, tc.crlfOne, got, ok, tc.want, tc.ok)
		}
	}
}

func TestQDPXRefused(t *testing.T) {
	codebook := `<CodeBook><Codes><Code guid="` + gid('c', 1) + `" name="A" isCodable="true"/></Codes></CodeBook>`
	okSources := `<Sources><TextSource guid="` + gid('s', 1) + `" name="S"><PlainTextContent>Hello</PlainTextContent>` +
		textSel(gid('p', 1), 0, 5, coding(gid('g', 1), gid('c', 1), "", "")) + `</TextSource></Sources>`
	bomb := qdpxZip(t, project("x", codebook), map[string]string{"sources/big.txt": strings.Repeat("\x00", 17<<20)})
	truncated := qdpxZip(t, project("x", codebook, okSources), nil)
	for _, tc := range []struct {
		name string
		data []byte
		is   error
		msg  string
	}{
		{"empty", nil, ErrEmptyFile, "the file is empty"},
		{"not a zip", []byte("<Project>just xml</Project>"), ErrNotQDPX, "not a zip archive"},
		{"truncated", truncated[:len(truncated)-30], ErrDamaged, "damaged or incomplete"},
		{"no project.qde", qdpxZip(t, "", map[string]string{"sources/a.txt": "x"}), ErrNoProjectQDE, "no project.qde inside"},
		{"zip bomb", bomb, ErrZipBomb, "zip bomb: sources/big.txt"},
		{"not xml", qdpxZip(t, "this is not xml <", nil), ErrQDASchema, "XML"},
		{"cut short", qdpxZip(t, project("x", codebook)[:100], nil), ErrQDASchema, "cut short"},
		{"wrong root", qdpxZip(t, `<CodeBook xmlns="urn:QDA-XML:codebook:1.0"/>`, nil), ErrQDASchema, "its top element is <CodeBook>"},
		{"wrong namespace", qdpxZip(t, `<Project xmlns="urn:other"/>`, nil), ErrQDASchema, `namespace "urn:other"`},
		{"code without guid", qdpxZip(t, project("x", `<CodeBook><Codes><Code name="A" isCodable="true"/></Codes></CodeBook>`), nil), ErrQDASchema, "line 3: <Code> has no guid"},
		{"code without name", qdpxZip(t, project("x", `<CodeBook><Codes><Code guid="`+gid('c', 1)+`" isCodable="true"/></Codes></CodeBook>`), nil), ErrQDASchema, "has no name"},
		{"out of order", qdpxZip(t, project("x", okSources, codebook), nil), ErrQDASchema, "<CodeBook> comes again or out of order"},
		{"duplicate code GUID", qdpxZip(t, project("x", `<CodeBook><Codes><Code guid="`+gid('c', 1)+`" name="A" isCodable="true"/>
<Code guid="{`+strings.ToUpper(gid('c', 1))+`}" name="B" isCodable="true"/></Codes></CodeBook>`), nil), ErrDuplicateGUID, "two <Code> elements have the GUID " + gid('c', 1) + " (the other is at line 3)"},
		{"duplicate source GUID", qdpxZip(t, project("x", codebook, strings.Replace(okSources, "</Sources>",
			`<TextSource guid="`+gid('s', 1)+`" name="T"/></Sources>`, 1)), nil), ErrDuplicateGUID, "two <TextSource> elements have the GUID " + gid('s', 1)},
		{"UTF-16", qdpxZip(t, `<?xml version="1.0" encoding="UTF-16"?><Project/>`, nil), ErrQDASchema, "REFI-QDA files are UTF-8"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			e.opt.PeriodFrom = "created" // the sources were added to the project when recorded
			r := e.load(writeFile(t, e.path("p.qdpx"), tc.data))
			if r.Refused == nil {
				t.Fatalf("not refused: %+v", r)
			}
			if !errors.Is(r.Refused, tc.is) || !strings.Contains(r.Refused.Error(), tc.msg) || !strings.HasPrefix(r.Refused.Error(), "p.qdpx: refused: ") {
				t.Errorf("refused with %q; want %v containing %q", r.Refused, tc.is, tc.msg)
			}
			if strings.Contains(r.Refused.Error(), "workbook") || strings.Contains(r.Refused.Error(), "Excel") {
				t.Errorf("message speaks of workbooks: %q", r.Refused)
			}
			for _, table := range []string{"loads", "interview_codes", "qda_codes", "quarantine", "load_parts"} {
				if n := e.count("SELECT count(*) FROM " + table); n != 0 {
					t.Errorf("%s holds %d rows after a refusal", table, n)
				}
			}
		})
	}
}
