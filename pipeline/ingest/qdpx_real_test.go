package ingest

import (
	"fmt"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/position"
)

// Projects made the way real tools write them: one line of XML (ATLAS.ti,
// and qc, whose writer serialises its tree with ElementTree's tostring),
// users named after software or accounts, sources whose creationDateTime is
// the day they were imported, plain-text paths without internal:// (older
// qc), PDF quotations written twice (ATLAS.ti), flat code names with "::"
// (ATLAS.ti), and codebooks with nothing coded (NVivo, MAXQDA).

// oneLine wraps parts in a Project element on a single line, as ATLAS.ti
// and qc write it.
func oneLine(name, origin string, parts ...string) string {
	return `<?xml version="1.0" encoding="utf-8"?><Project xmlns="urn:QDA-XML:project:1.0" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance" name="` + name + `" origin="` + origin + `">` +
		strings.Join(parts, "") + `</Project>`
}

// qcBoard is a qc export: no cases, no variables, a coder, and a source
// whose text path is bare ("board_2017.txt") though the file is stored at
// sources/board_2017.txt.
func qcBoard(textPath string) (string, map[string]string) {
	text := "The board agreed the plan. Residents asked for a say in the budget.\n"
	users := `<Users><User name="chris" guid="` + gid('u', 1) + `"/></Users>`
	codes := `<CodeBook><Codes><Code name="voice" guid="` + gid('c', 1) + `" isCodable="true"><Code name="budget" guid="` + gid('c', 2) + `" isCodable="true"/></Code></Codes></CodeBook>`
	st, en := strings.Index(text, "Residents"), len(text)-1
	sels := ""
	for i := range 3 {
		sels += fmt.Sprintf(`<PlainTextSelection guid="%s" name="line:%d" startPosition="%d" endPosition="%d"><Coding guid="%s" creatingUser="%s"><CodeRef targetGUID="%s"/></Coding></PlainTextSelection>`,
			gid('p', i), i, st, en, gid('g', i), gid('u', 1), gid('c', 2))
	}
	src := `<Sources><TextSource plainTextPath="` + textPath + `" guid="` + gid('s', 1) + `" name="board_2017.txt">` + sels + `</TextSource></Sources>`
	return oneLine("qc project", "qc 2.1.4", users, codes, src), map[string]string{"sources/board_2017.txt": text}
}

// Point 8: a project that says nothing of its area loads with --area; the
// message without it offers --area first, and no --area-from case when the
// project has no cases.
func TestQDPXAreaFlag(t *testing.T) {
	e := newEnv(t)
	qde, files := qcBoard("board_2017.txt")
	path := writeQDPX(t, e.path("board.qdpx"), qde, files)
	e.opt.Period = "2017-18"
	r := e.load(path)
	if r.Refused != nil || r.Quarantined != 3 || r.Loaded != 0 {
		t.Fatalf("without --area: %v, %d loaded, %d quarantined", r.Refused, r.Loaded, r.Quarantined)
	}
	msg := r.Problems[0].Error()
	if TypeOf(r.Problems[0]) != NoArea || !strings.Contains(msg, "--area AREA") || strings.Index(msg, "--area AREA") > strings.Index(msg, "--area-from") ||
		strings.Contains(msg, "--area-from case") || strings.Contains(msg, "(column area)") {
		t.Errorf("no-area message (%s): %s", TypeOf(r.Problems[0]), msg)
	}
	e.opt.Area = "Birchfield" // the area's name; its id would do as well
	again := e.load(path)     // the same file: its quarantined rows are checked again
	if again.Refused != nil || again.Loaded != 3 || again.Quarantined != 0 {
		t.Fatalf("with --area: %v, %d loaded, %d quarantined: %v", again.Refused, again.Loaded, again.Quarantined, again.Problems)
	}
	if n := e.count("SELECT count(*) FROM interview_codes WHERE area_id = 'birchfield' AND period = 2017"); n != 3 {
		t.Errorf("%d codings in birchfield 2017-18, want 3", n)
	}
	e.opt.Area = "Birchfeld"
	bad := e.load(writeQDPX(t, e.path("board2.qdpx"), strings.Replace(qde, "qc project", "qc project 2", 1), files))
	if bad.Refused == nil || !strings.Contains(bad.Refused.Error(), "did you mean Birchfield") {
		t.Errorf("an unknown --area: %v", bad.Refused)
	}
}

// Point 9: creationDateTime is when a source was imported: it gives the
// date only with --period-from created. The period comes from --period, a
// variable, or a date in the source's name.
func TestQDPXPeriodNotImportDate(t *testing.T) {
	text := "We set up the youth forum."
	sel := textSel(gid('p', 1), 0, 6, coding(gid('g', 1), gid('c', 1), "", ""))
	proj := func(sourceName, vars string) string {
		return project("NVivo 14",
			`<CodeBook><Codes><Code guid="`+gid('c', 1)+`" name="Youth" isCodable="true"/></Codes></CodeBook>`,
			`<Variables><Variable guid="`+gid('v', 1)+`" name="Interview date" typeOfVariable="Date"/></Variables>`,
			`<Sources><TextSource guid="`+gid('s', 1)+`" name="`+sourceName+`" creationDateTime="2018-03-27T10:12:00Z"><PlainTextContent>`+text+`</PlainTextContent>`+sel+vars+`</TextSource></Sources>`)
	}
	dateVar := `<VariableValue><VariableRef targetGUID="` + gid('v', 1) + `"/><DateValue>2019-05-01</DateValue></VariableValue>`
	for _, c := range []struct {
		name, source, vars, period, from string
		wantType                         ErrorType
		wantPeriod                       int
		wantDate                         string
	}{
		{"nothing says when", "Youth forum", "", "", "", NoPeriod, 0, ""},
		{"--period", "Youth forum", "", "2017-18", "", "", 2017, ""},
		{"a date in the name", "Youth forum 14.05.2017", "", "", "", "", 2017, "2017-05-14"},
		{"a reporting year in the name", "Youth forum 2016-17", "", "", "", "", 2016, ""},
		{"a date variable", "Youth forum", dateVar, "", "", "", 2019, "2019-05-01"},
		{"a date variable against --period", "Youth forum", dateVar, "2017-18", "", ConstraintError, 0, ""},
		{"--period-from created", "Youth forum", "", "", "created", "", 2017, "2018-03-27"},
	} {
		t.Run(c.name, func(t *testing.T) {
			e := newEnv(t)
			e.opt.Area, e.opt.Period, e.opt.PeriodFrom = "hanwell", c.period, c.from
			r := e.load(writeQDPX(t, e.path("p.qdpx"), proj(c.source, c.vars), nil))
			if r.Refused != nil {
				t.Fatal(r.Refused)
			}
			if c.wantType != "" {
				if r.Quarantined != 1 || TypeOf(r.Problems[0]) != c.wantType {
					t.Fatalf("want one coding quarantined as %s; got %d: %v", c.wantType, r.Quarantined, r.Problems)
				}
				if c.wantType == NoPeriod && !strings.Contains(r.Problems[0].Error(), "--period 2019-20") {
					t.Errorf("the message does not say what to do: %v", r.Problems[0])
				}
				return
			}
			if r.Loaded != 1 {
				t.Fatalf("%d loaded: %v", r.Loaded, r.Problems)
			}
			var period int
			var date *string
			if err := e.st.DB.QueryRow("SELECT period, strftime(interview_date, '%Y-%m-%d') FROM interview_codes").Scan(&period, &date); err != nil {
				t.Fatal(err)
			}
			got := ""
			if date != nil {
				got = *date
			}
			if period != c.wantPeriod || got != c.wantDate {
				t.Errorf("period %d, date %q; want %d, %q", period, got, c.wantPeriod, c.wantDate)
			}
			if created := strings.Contains(strings.Join(r.Notes, "\n"), "--period-from created"); created != (c.from == "created") {
				t.Errorf("notes %q", r.Notes)
			}
		})
	}
}

// Point 10: a bare plainTextPath is found inside the archive, in any case,
// with or without sources/; a coding whose text cannot be found is loaded
// without its excerpt and counted, never silently.
func TestQDPXBareTextPath(t *testing.T) {
	for _, c := range []struct{ path, file string }{
		{"board_2017.txt", "sources/board_2017.txt"},
		{"Board_2017.TXT", "sources/board_2017.txt"},
		{"sources/board_2017.txt", "sources/board_2017.txt"},
		{"board_2017.txt", "board_2017.txt"},
		{"internal://board_2017.txt", "Sources/Board_2017.txt"},
	} {
		e := newEnv(t)
		e.opt.Area, e.opt.Period = "birchfield", "2017-18"
		qde, files := qcBoard(c.path)
		files = map[string]string{c.file: files["sources/board_2017.txt"]}
		r := e.load(writeQDPX(t, e.path("board.qdpx"), qde, files))
		if r.Refused != nil || r.Loaded != 3 || len(r.Notes) != 1 { // the note: --area
			t.Fatalf("%s at %s: %v, %d loaded, notes %q, problems %v", c.path, c.file, r.Refused, r.Loaded, r.Notes, r.Problems)
		}
		if n := e.count("SELECT count(*) FROM interview_codes WHERE excerpt = 'Residents asked for a say in the budget.'"); n != 3 {
			t.Errorf("%s at %s: %d codings with their excerpt, want 3", c.path, c.file, n)
		}
	}
	e := newEnv(t)
	e.opt.Area, e.opt.Period = "birchfield", "2017-18"
	qde, _ := qcBoard("board_2018.txt")
	r := e.load(writeQDPX(t, e.path("board.qdpx"), qde, map[string]string{"sources/board_2017.txt": "other"}))
	notes := strings.Join(r.Notes, "\n")
	if r.Loaded != 3 || !strings.Contains(notes, "3 codings loaded without their text") || !strings.Contains(notes, `"board_2018.txt"`) {
		t.Errorf("a text not in the archive: %d loaded, notes %q", r.Loaded, r.Notes)
	}
}

// atlasProject is an ATLAS.ti export: one line, users "ATLAS.ti" and
// "root", flat code names with "::", a PDF whose quotations are written
// twice (PDFSelection and PlainTextSelection with the same GUID), and a
// focus group whose participant is recorded as its area, "Whitley Bay".
func atlasProject() (string, map[string]string) {
	text := "The Whitley Bay group said Coke was sold at the fair.\r\nNia Lloyd ran the stall."
	users := `<Users><User guid="` + gid('u', 1) + `" name="ATLAS.ti"/><User guid="` + gid('u', 2) + `" name="root"/></Users>`
	codes := `<CodeBook><Codes><Code guid="` + gid('c', 1) + `" name="Coke::diet Coke" isCodable="true"/><Code guid="` + gid('c', 2) + `" name="Coke::regular" isCodable="true"/></Codes></CodeBook>`
	vars := `<Variables><Variable guid="` + gid('v', 1) + `" name="Participant" typeOfVariable="Text"/></Variables>`
	cases := `<Cases><Case guid="` + gid('k', 1) + `" name="Focus group 1"><VariableValue><VariableRef targetGUID="` + gid('v', 1) + `"/><TextValue>Whitley Bay</TextValue></VariableValue><SourceRef targetGUID="` + gid('s', 1) + `"/></Case></Cases>`
	quote := func(n, st, en int, code int, pdfToo bool) (string, string) {
		c := fmt.Sprintf(`<Coding guid="%s" creatingUser="%s" creationDateTime="2023-02-01T10:00:00"><CodeRef targetGUID="%s"/></Coding>`, gid('g', n), gid('u', 2), gid('c', code))
		txt := fmt.Sprintf(`<PlainTextSelection guid="%s" name="q%d" startPosition="%d" endPosition="%d" creatingUser="%s">%s</PlainTextSelection>`, gid('q', n), n, st, en, gid('u', 1), c)
		pdf := ""
		if pdfToo {
			pdf = fmt.Sprintf(`<PDFSelection guid="%s" name="q%d" page="0" firstX="10" firstY="20" secondX="300" secondY="40" creatingUser="%s">%s</PDFSelection>`, gid('q', n), n, gid('u', 1), c)
		}
		return txt, pdf
	}
	t1, p1 := quote(1, 0, 53, 1, true)
	t2, p2 := quote(2, 54, 78, 2, true)
	t3, _ := quote(3, 27, 31, 2, false) // a quotation of the text alone
	src := `<Sources><PDFSource guid="` + gid('s', 1) + `" name="Fair notes.pdf" path="internal://` + gid('s', 1) + `.pdf" creationDateTime="2023-01-20T09:00:00">` +
		`<Representation guid="` + gid('r', 1) + `" plainTextPath="internal://` + gid('r', 1) + `.txt" name="Fair notes">` + t1 + t2 + t3 + `</Representation>` + p1 + p2 + `</PDFSource></Sources>`
	return oneLine("ATLAS.ti standard project", "ATLAS.ti 23.2.1", users, codes, vars, cases, src),
		map[string]string{"sources/" + gid('r', 1) + ".txt": text, "sources/" + gid('s', 1) + ".pdf": "%PDF-1.4"}
}

// Point 11: each PDF quotation written twice is loaded once, with its text.
func TestQDPXAtlasPDFPairs(t *testing.T) {
	e := newEnv(t)
	e.opt.Area, e.opt.Period = "whitley-bay", "2022-23"
	qde, files := atlasProject()
	r := e.load(writeQDPX(t, e.path("fair.qdpx"), qde, files))
	if r.Refused != nil || r.Loaded != 3 || r.Quarantined != 0 || r.Rows != 3 {
		t.Fatalf("%v: %d rows, %d loaded, %d quarantined: %v", r.Refused, r.Rows, r.Loaded, r.Quarantined, r.Problems)
	}
	if !strings.Contains(strings.Join(r.Notes, "\n"), "ATLAS.ti wrote 2 PDF quotations twice") {
		t.Errorf("notes %q", r.Notes)
	}
	if n := e.count("SELECT count(*) FROM interview_codes WHERE excerpt LIKE 'The % group said Coke was sold at the fair.'"); n != 1 {
		t.Errorf("%d codings of the first quotation with its text, want 1", n)
	}
}

// Point 12: a flat ATLAS.ti code name "Coke::diet Coke" is the same path in
// qda_codes and interview_codes, so they join.
func TestQDPXFlatCodeNamesJoin(t *testing.T) {
	e := newEnv(t)
	e.opt.Area, e.opt.Period = "whitley-bay", "2022-23"
	qde, files := atlasProject()
	if r := e.load(writeQDPX(t, e.path("fair.qdpx"), qde, files)); r.Loaded != 3 {
		t.Fatalf("%d loaded: %v", r.Loaded, r.Problems)
	}
	if n := e.count("SELECT count(*) FROM interview_codes i JOIN qda_codes c ON c.path = i.code"); n != 3 {
		t.Errorf("%d of 3 codings join their code", n)
	}
	if n := e.count("SELECT count(*) FROM qda_codes WHERE path = 'Coke/diet Coke' AND name = 'Coke::diet Coke'"); n != 1 {
		t.Errorf("the flat code's path and name: %d", n)
	}
}

// Point 13: a codebook with nothing coded says so.
func TestQDPXNothingCoded(t *testing.T) {
	var codes strings.Builder
	for i := range 262 {
		fmt.Fprintf(&codes, `<Code guid="%s" name="Code %d" isCodable="true"/>`, gid('c', i), i)
	}
	qde := project("MAXQDA 2022", `<Users><User guid="`+gid('u', 1)+`" name="MAXQDA"/></Users>`,
		`<CodeBook><Codes>`+codes.String()+`</Codes></CodeBook>`,
		`<Sources><TextSource guid="`+gid('s', 1)+`" name="Interview 1" creationDateTime="2022-04-04T10:00:00Z"><PlainTextContent>Nothing coded here.</PlainTextContent></TextSource></Sources>`)
	e := newEnv(t)
	r := e.load(writeQDPX(t, e.path("empty.qdpx"), qde, nil))
	if r.Refused != nil || r.Rows != 0 || len(r.Notes) != 1 || !strings.HasPrefix(r.Notes[0], "the project has 262 codes and no coded segments") {
		t.Errorf("%v, %d rows, notes %q", r.Refused, r.Rows, r.Notes)
	}
	if n := e.count("SELECT count(*) FROM qda_codes"); n != 262 {
		t.Errorf("%d codes loaded", n)
	}
}

// Point 14: in a one-line project, messages name the element and GUID, not
// "line 1", and faults of the XML have their own types, with no column.
func TestQDPXOneLineMessages(t *testing.T) {
	e := newEnv(t)
	e.opt.Area, e.opt.Period = "birchfield", "2021-22"
	qde, files := qcBoard("board_2017.txt")
	qde = strings.Replace(qde, `<CodeRef targetGUID="`+gid('c', 2)+`"/>`, "", 1) // the first coding names no code
	end := fmt.Sprintf(`endPosition="%d"`, len(files["sources/board_2017.txt"])-1)
	qde = strings.Replace(qde, end, `endPosition="six"`, 1) // nor has its selection's end a number
	r := e.load(writeQDPX(t, e.path("board.qdpx"), qde, files))
	if r.Quarantined != 1 || len(r.Problems) != 2 {
		t.Fatalf("%d quarantined: %v", r.Quarantined, r.Problems)
	}
	for i, want := range []ErrorType{MissingXML, BadPosition} {
		p := r.Problems[i]
		msg := p.Error()
		if TypeOf(p) != want || strings.Contains(msg, "line 1") || strings.Contains(msg, "(column") ||
			!strings.Contains(msg, "Coding "+gid('g', 0)+" on PlainTextSelection "+gid('p', 0)) {
			t.Errorf("fault %d (%s, want %s): %s", i, TypeOf(p), want, msg)
		}
	}
	// A fault that refuses the file names the element and where in the line.
	bad := strings.Replace(qde, `<Code name="voice"`, `<Code name=""`, 1)
	f := e.load(writeQDPX(t, e.path("bad.qdpx"), bad, files))
	var pe *position.Error
	if f.Refused == nil || !strings.Contains(f.Refused.Error(), "at character") || strings.Contains(f.Refused.Error(), "line 1") ||
		!strings.Contains(f.Refused.Error(), gid('c', 1)) {
		t.Errorf("refusal: %v (%T %v)", f.Refused, f.Refused, pe)
	}
}

// Point 15: places, software, accounts and codes are never names: not
// registered, not replaced, not turned into pseudonyms.
func TestQDPXPlacesAndSoftwareAreNoNames(t *testing.T) {
	e := newEnv(t)
	e.opt.Area, e.opt.Period = "whitley-bay", "2022-23"
	kr := e.opt.Keyring
	nia := kr.Pseudonym("Nia Lloyd") // known from an earlier return
	qde, files := atlasProject()
	if r := e.load(writeQDPX(t, e.path("fair.qdpx"), qde, files)); r.Loaded != 3 {
		t.Fatalf("%d loaded: %v", r.Loaded, r.Problems)
	}
	if n := kr.Known(); n != 1 {
		t.Errorf("%d names registered, want only Nia Lloyd's", n)
	}
	if n := e.count("SELECT count(*) FROM interview_codes WHERE participant = 'Whitley Bay' AND coder = 'root' AND excerpt LIKE 'The Whitley Bay group%'"); n != 1 {
		rows, _ := e.st.DB.Query("SELECT participant, coder, excerpt FROM interview_codes")
		for rows.Next() {
			var p, c, x string
			rows.Scan(&p, &c, &x)
			t.Logf("%q %q %q", p, c, x)
		}
		t.Errorf("the place or the account was replaced: %d rows as written", n)
	}
	if n := e.count("SELECT count(*) FROM interview_codes WHERE excerpt = '[" + nia + "] ran the stall.'"); n != 1 {
		t.Errorf("the person's name was not replaced")
	}
	if n := e.count("SELECT count(*) FROM qda_codes WHERE project = 'ATLAS.ti standard project'"); n != 2 {
		t.Errorf("the project's name was changed")
	}
	if n := e.count("SELECT count(*) FROM loads WHERE loaded_by = 'root' OR loaded_by LIKE '%tester%'"); n != 0 {
		t.Errorf("the account running the load is stored in clear")
	}
	// A later load into another database: the areas return keeps its names.
	e2 := newEnv(t)
	e2.opt.Keyring = kr
	r := e2.load(writeXLSX(t, e2.path("areas.xlsx"), sheetData{"Areas", [][]any{{"area_id", "name", "local authority"}, {"whitley-bay", "Whitley Bay", "North Tyneside"}}}))
	if r.Loaded != 1 || e2.count("SELECT count(*) FROM areas WHERE name = 'Whitley Bay'") != 1 {
		t.Errorf("the areas return was changed: %v", r.Problems)
	}
}

// A bare .qde (the project's XML without its zip) loads as its .qdpx does,
// but for texts kept in sources/, which are not with it: those codings load
// without their excerpt, counted.
func TestQDEBare(t *testing.T) {
	e := newEnv(t)
	e.opt.Area, e.opt.Period = "birchfield", "2017-18"
	qde, _ := qcBoard("board_2017.txt")
	inline := strings.Replace(qde, `plainTextPath="board_2017.txt"`, "", 1)
	inline = strings.Replace(inline, `name="board_2017.txt">`, `name="board_2017.txt"><PlainTextContent>The board agreed the plan. Residents asked for a say in the budget.
</PlainTextContent>`, 1)
	r := e.load(writeFile(t, e.path("project.qde"), []byte(inline)))
	if r.Refused != nil || r.Loaded != 3 || e.count("SELECT count(*) FROM interview_codes WHERE excerpt = 'Residents asked for a say in the budget.'") != 3 {
		t.Fatalf("a bare .qde with its texts inside: %v, %d loaded: %v", r.Refused, r.Loaded, r.Problems)
	}
	e = newEnv(t)
	e.opt.Area, e.opt.Period = "birchfield", "2017-18"
	r = e.load(writeFile(t, e.path("board.qde"), []byte(qde)))
	if r.Refused != nil || r.Loaded != 3 || !strings.Contains(strings.Join(r.Notes, "\n"), "3 codings loaded without their text (the source's text cannot be read: its text \"board_2017.txt\" is not with a bare .qde") {
		t.Errorf("a bare .qde naming its texts: %v, %d loaded, notes %q", r.Refused, r.Loaded, r.Notes)
	}
}
