package ingest

import (
	"database/sql"
	"errors"
	"fmt"
	"io/fs"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/position"
	"github.com/ourbiggerstory/obs/queries"
)

// twoInterviews is a project with an interview in Birchfield (dated by its
// source) and one in Hanwell whose source has no date (dated by its
// codings); extra adds codings to both.
func twoInterviews(extra bool) string {
	areaVar := gid('v', 1)
	caseOf := func(n int, name, area string) string {
		return fmt.Sprintf(`<Case guid="%s" name="%s"><VariableValue><VariableRef targetGUID="%s"/><TextValue>%s</TextValue></VariableValue><SourceRef targetGUID="%s"/></Case>`,
			gid('k', n), name, areaVar, area, gid('s', n))
	}
	s1 := textSel(gid('p', 1), 0, 8, coding(gid('g', 1), gid('c', 1), "", "2022-01-05"))
	s2 := textSel(gid('p', 2), 0, 8, coding(gid('g', 2), gid('c', 1), "", "2022-06-01"))
	if extra {
		s1 += textSel(gid('p', 3), 9, 14, coding(gid('g', 3), gid('c', 2), "", "2022-01-06"))
		s2 += textSel(gid('p', 4), 9, 14, coding(gid('g', 4), gid('c', 2), "", "2022-06-02"))
	}
	return project("QualCoder 3.5",
		`<CodeBook><Codes><Code guid="`+gid('c', 1)+`" name="Voice" isCodable="true"/><Code guid="`+gid('c', 2)+`" name="Power" isCodable="true"/></Codes></CodeBook>`,
		`<Variables><Variable guid="`+areaVar+`" name="area" typeOfVariable="Text"/></Variables>`,
		`<Cases>`+caseOf(1, "Participant A", "birchfield")+caseOf(2, "Participant B", "hanwell")+`</Cases>`,
		`<Sources><TextSource guid="`+gid('s', 1)+`" name="One" creationDateTime="2021-05-10T09:00:00Z"><PlainTextContent>Residents lead here.</PlainTextContent>`+s1+`</TextSource>`+
			`<TextSource guid="`+gid('s', 2)+`" name="Two"><PlainTextContent>Partners lead there.</PlainTextContent>`+s2+`</TextSource></Sources>`)
}

func TestQDPXReloadAndSupersede(t *testing.T) {
	e := newEnv(t)
	e.opt.PeriodFrom = "created" // the sources were added to the project when recorded
	first := e.load(writeQDPX(t, e.path("project.qdpx"), twoInterviews(false), nil))
	if first.Refused != nil || first.Loaded != 2 {
		t.Fatalf("%v %v", first.Refused, first.Problems)
	}
	// The period comes from the source's date, else from the coding's.
	for _, w := range []struct {
		area   string
		period int
		date   string
	}{{"birchfield", 2021, "2021-05-10"}, {"hanwell", 2022, "2022-06-01"}} {
		if n := e.count("SELECT count(*) FROM interview_codes WHERE area_id = ? AND period = ? AND strftime(interview_date, '%Y-%m-%d') = ?", w.area, w.period, w.date); n != 1 {
			t.Errorf("%s: no row in period %d dated %s", w.area, w.period, w.date)
		}
	}
	again := e.load(e.path("project.qdpx"))
	if !again.AlreadyLoaded || again.PreviousLoad != first.LoadID {
		t.Errorf("re-load: %+v", again)
	}
	if n := e.count("SELECT count(*) FROM loads"); n != 1 {
		t.Errorf("%d loads after loading the same bytes twice", n)
	}
	// An updated export of the same project replaces the earlier one.
	second := e.load(writeQDPX(t, e.path("project-v2.qdpx"), twoInterviews(true), nil))
	if second.Refused != nil || second.Loaded != 4 {
		t.Fatalf("%v %v", second.Refused, second.Problems)
	}
	if fmt.Sprint(second.Supersedes) != fmt.Sprint([]int64{first.LoadID}) {
		t.Errorf("supersedes %v, want [%d]", second.Supersedes, first.LoadID)
	}
	if n := e.count("SELECT count(*) FROM interview_codes WHERE load_id = ?", second.LoadID); n != 4 {
		t.Errorf("current rows of the new load: %d", n)
	}
	if n := e.count("SELECT count(*) FROM interview_codes"); n != 4 {
		t.Errorf("current rows: %d, want 4", n)
	}
	if n := e.count("SELECT count(*) FROM interview_codes_history WHERE superseded_by = ?", second.LoadID); n != 2 {
		t.Errorf("superseded rows in history: %d, want 2", n)
	}
	if n := e.count("SELECT count(*) FROM loads WHERE load_id = ? AND superseded_by = ?", first.LoadID, second.LoadID); n != 1 {
		t.Error("the first load is not marked superseded")
	}
}

func TestQDPXAreaFrom(t *testing.T) {
	participant := gid('v', 1)
	caseOf := func(n int, name, who string, src int) string {
		return fmt.Sprintf(`<Case guid="%s" name="%s"><VariableValue><VariableRef targetGUID="%s"/><TextValue>%s</TextValue></VariableValue><SourceRef targetGUID="%s"/></Case>`,
			gid('k', n), name, participant, who, gid('s', src))
	}
	src := func(n int, name string) string {
		return fmt.Sprintf(`<TextSource guid="%s" name="%s" creationDateTime="2021-05-10T09:00:00Z"><PlainTextContent>Nia Lloyd chairs it now.</PlainTextContent>%s</TextSource>`,
			gid('s', n), name, textSel(gid('p', n), 0, 9, coding(gid('g', n), gid('c', 1), "", "")))
	}
	qde := project("MAXQDA 2022",
		`<CodeBook><Codes><Code guid="`+gid('c', 1)+`" name="Chair" isCodable="true"/></Codes></CodeBook>`,
		`<Variables><Variable guid="`+participant+`" name="Participant" typeOfVariable="Text"/><Variable guid="`+gid('v', 2)+`" name="Neighbourhood" typeOfVariable="Text"/></Variables>`,
		`<Cases>`+caseOf(1, "Birchfield", "Nia Lloyd", 1)+caseOf(2, "hanwell", "Owen Price", 2)+caseOf(3, "Hanwel", "Nia Lloyd", 3)+
			`<Case guid="`+gid('k', 9)+`"><VariableValue><VariableRef targetGUID="`+gid('v', 2)+`"/><TextValue>Hanwell</TextValue></VariableValue><SourceRef targetGUID="`+gid('s', 1)+`"/></Case></Cases>`,
		`<Sources>`+src(1, "Birchfield - interview 1")+src(2, "Hanwell - interview 2")+src(3, "Elsewhere - interview 3")+`</Sources>`)
	for _, tc := range []struct {
		from  string
		areas string // area of each source's coding, or ! for quarantined
		msg   string
	}{
		{"case", "birchfield hanwell !", `"Hanwel" is not a known area (column area); did you mean Hanwell (hanwell)`},
		{`source:^(\w+) -`, "birchfield hanwell !", `"Elsewhere" is not a known area`},
		{"source:^Nowhere", "! ! !", `the source's name does not match the pattern "^Nowhere" of --area-from`},
		{"variable:Neighbourhood", "hanwell ! !", `no area: nothing in the project says which Big Local area this passage is from (neither its case nor its source has a variable "Neighbourhood"); if the whole project is one area's, load it again with --area AREA`},
		{"variable:area", "! ! !", `has a variable "area"); if the whole project is one area's, load it again with --area AREA (the area's id or name); else give each case or source a variable area naming its area`},
	} {
		t.Run(tc.from, func(t *testing.T) {
			e := newEnv(t)
			e.opt.PeriodFrom = "created" // the sources were added to the project when recorded
			e.opt.AreaFrom = tc.from
			r := e.load(writeQDPX(t, e.path("p.qdpx"), qde, nil))
			if r.Refused != nil {
				t.Fatal(r.Refused)
			}
			var got []string
			for i := 1; i <= 3; i++ {
				var a string
				if err := e.st.DB.QueryRow("SELECT area_id FROM interview_codes WHERE source_row = ?", i).Scan(&a); err != nil {
					a = "!"
				}
				got = append(got, a)
			}
			if strings.Join(got, " ") != tc.areas {
				t.Errorf("areas %q, want %q", strings.Join(got, " "), tc.areas)
			}
			if len(r.Problems) == 0 || !strings.Contains(r.Problems[len(r.Problems)-1].Error(), tc.msg) {
				t.Errorf("problems %v lack %q", r.Problems, tc.msg)
			}
			// The participant comes from the variable, pseudonymised, and
			// is replaced in excerpts.
			nia := e.opt.Keyring.Pseudonym("Nia Lloyd")
			want := 1 // the first source's coding, when it loads
			if tc.areas[0] == '!' {
				want = 0
			}
			if n := e.count("SELECT count(*) FROM interview_codes WHERE participant = ? AND excerpt = ?", nia, "["+nia+"]"); n != want {
				t.Errorf("%d rows with Nia's pseudonym", n)
			}
			if n := e.count("SELECT count(*) FROM quarantine WHERE raw LIKE '%Nia%' OR raw LIKE '%Owen%'"); n != 0 {
				t.Errorf("names in the quarantine")
			}
		})
	}
	e := newEnv(t)
	e.opt.PeriodFrom = "created" // the sources were added to the project when recorded
	e.opt.AreaFrom = "colour:red"
	r := e.load(writeQDPX(t, e.path("p.qdpx"), qde, nil))
	if r.Refused == nil || !strings.Contains(r.Refused.Error(), `--area-from "colour:red" is not understood`) {
		t.Errorf("bad --area-from: %v", r.Refused)
	}
	e.opt.AreaFrom = "source:(("
	if r := e.load(e.path("p.qdpx")); r.Refused == nil || !strings.Contains(r.Refused.Error(), "the pattern cannot be read") {
		t.Errorf("bad pattern: %v", r.Refused)
	}
}

// NVivo marks which passages of a focus group are whose by coding them
// with codes that share the cases' GUIDs; a case may also name selections.
func TestQDPXCaseCodes(t *testing.T) {
	text := "Anna Jones: We run it ourselves now. Rhys Evans: The council still holds the money."
	as, ae := chars(t, text, "Anna Jones: We run it ourselves now.")
	rs, re := chars(t, text, "Rhys Evans: The council still holds the money.")
	w1s, w1e := chars(t, text, "We run it ourselves")
	w2s, w2e := chars(t, text, "The council still holds the money")
	w3s, w3e := chars(t, text, "holds the money")
	area := gid('v', 1)
	caseOf := func(n int, name, a, extra string) string {
		return fmt.Sprintf(`<Case guid="%s" name="%s"><VariableValue><VariableRef targetGUID="%s"/><TextValue>%s</TextValue></VariableValue>%s</Case>`, gid('k', n), name, area, a, extra)
	}
	qde := project("NVivo 14",
		`<CodeBook><Codes><Code guid="`+gid('c', 1)+`" name="Control" isCodable="true"/>
<Code guid="`+gid('c', 9)+`" name="Cases" isCodable="false"><Code guid="`+gid('k', 1)+`" name="Anna Jones" isCodable="true"/><Code guid="`+gid('k', 2)+`" name="Rhys Evans" isCodable="true"/></Code></Codes></CodeBook>`,
		`<Variables><Variable guid="`+area+`" name="area" typeOfVariable="Text"/></Variables>`,
		`<Cases>`+caseOf(1, "Anna Jones", "birchfield", "")+caseOf(2, "Rhys Evans", "birchfield", "")+
			caseOf(3, "Carys Morgan", "hanwell", `<SelectionRef targetGUID="`+gid('p', 7)+`"/>`)+`</Cases>`,
		`<Sources><TextSource guid="`+gid('s', 1)+`" name="Focus group" creationDateTime="2021-09-01T09:00:00Z"><PlainTextContent>`+text+`</PlainTextContent>`+
			textSel(gid('p', 3), w1s, w1e, coding(gid('g', 3), gid('c', 1), "", ""))+
			textSel(gid('p', 1), as, ae, coding(gid('g', 1), gid('k', 1), "", ""))+
			textSel(gid('p', 2), rs, re, coding(gid('g', 2), gid('k', 2), "", ""))+
			textSel(gid('p', 4), w2s, w2e, coding(gid('g', 4), gid('c', 1), "", ""))+
			textSel(gid('p', 7), w3s, w3e, coding(gid('g', 7), gid('c', 1), "", ""), coding(gid('g', 8), gid('k', 3), "", ""))+
			`</TextSource></Sources>`)
	e := newEnv(t)
	e.opt.PeriodFrom = "created" // the sources were added to the project when recorded
	r := e.load(writeQDPX(t, e.path("fg.qdpx"), qde, nil))
	if r.Refused != nil || r.Loaded != 3 || r.Quarantined != 0 || r.Rows != 3 {
		t.Fatalf("%v loaded %d quarantined %d rows %d %v", r.Refused, r.Loaded, r.Quarantined, r.Rows, r.Problems)
	}
	kr := e.opt.Keyring
	for row, w := range map[int][2]string{1: {kr.Pseudonym("Anna Jones"), "birchfield"}, 4: {kr.Pseudonym("Rhys Evans"), "birchfield"}, 5: {kr.Pseudonym("Carys Morgan"), "hanwell"}} {
		if n := e.count("SELECT count(*) FROM interview_codes WHERE source_row = ? AND participant = ? AND area_id = ? AND code = 'Control'", row, w[0], w[1]); n != 1 {
			t.Errorf("coding %d: not %v", row, w)
		}
	}
	if n := e.count("SELECT count(*) FROM qda_codes"); n != 2 {
		t.Errorf("qda_codes holds %d codes, want 2 (Control, Cases): the codes that stand for cases are not codes", n)
	}
	if n := e.count("SELECT count(*) FROM interview_codes WHERE code LIKE '%Anna%' OR code LIKE '%Rhys%'"); n != 0 {
		t.Error("a case's name stored as a code")
	}
}

func TestQDPXTranscriptAndFaults(t *testing.T) {
	tr := "Speaker 1: the group chose the grants.\nSpeaker 2: yes."
	qde := project("MAXQDA 2022",
		`<CodeBook><Codes><Code guid="`+gid('c', 1)+`" name="Grants" isCodable="true"/></Codes></CodeBook>`,
		`<Sources><VideoSource guid="`+gid('s', 1)+`" name="Meeting birchfield.mp4" path="relative:///meeting.mp4">
<Transcript guid="`+gid('t', 1)+`" name="Meeting"><PlainTextContent>`+tr+`</PlainTextContent>
  <SyncPoint guid="`+gid('y', 1)+`" position="11" timeStamp="5000"/><SyncPoint guid="`+gid('y', 2)+`" position="37" timeStamp="9250"/>
  <TranscriptSelection guid="`+gid('p', 1)+`" fromSyncPoint="`+gid('y', 1)+`" toSyncPoint="`+gid('y', 2)+`">`+coding(gid('g', 1), gid('c', 1), "", "2021-10-01")+`</TranscriptSelection>
  <TranscriptSelection guid="`+gid('p', 2)+`" fromSyncPoint="`+gid('y', 1)+`" toSyncPoint="`+gid('y', 9)+`">`+coding(gid('g', 2), gid('c', 1), "", "2021-10-01")+`</TranscriptSelection>
</Transcript>
<VideoSelection guid="`+gid('p', 3)+`" begin="9000" end="1000">`+coding(gid('g', 3), gid('c', 1), "", "2021-10-01")+`</VideoSelection>
<VideoSelection guid="`+gid('p', 3)+`" begin="1000" end="2000">`+coding(gid('g', 4), gid('c', 1), "", "2021-10-01")+`</VideoSelection>
<VideoSelection guid="`+gid('p', 5)+`" begin="ten" end="2000">`+coding(gid('g', 5), gid('c', 1), "", "2021-10-01")+`</VideoSelection>
<VideoSelection guid="`+gid('p', 6)+`" begin="0" end="2000"><Coding guid="`+gid('g', 6)+`"/></VideoSelection>
</VideoSource>
<TextSource guid="`+gid('s', 2)+`" name="Notes birchfield" plainTextPath="relative:///notes.txt">`+textSel(gid('p', 7), 0, 4, coding(gid('g', 7), gid('c', 1), "", "2021-10-01"))+`</TextSource>
<TextSource guid="`+gid('s', 3)+`" name="Diary birchfield" plainTextPath="internal://missing.txt">`+textSel(gid('p', 8), 0, 4, coding(gid('g', 8), gid('c', 1), "", "2021-10-01"))+`</TextSource>
<TextSource guid="`+gid('s', 4)+`" name="Letter birchfield" richTextPath="internal://letter.docx">`+textSel(gid('p', 9), 0, 4, coding(gid('g', 9), gid('c', 1), "", "2021-10-01"))+`</TextSource>
</Sources>`)
	e := newEnv(t)
	e.opt.PeriodFrom = "created" // the sources were added to the project when recorded
	e.opt.AreaFrom = `source:(?i)(birchfield)`
	r := e.load(writeQDPX(t, e.path("p.qdpx"), qde, nil))
	if r.Refused != nil {
		t.Fatal(r.Refused)
	}
	var ex, ref string
	if err := e.st.DB.QueryRow("SELECT excerpt, segment_ref FROM interview_codes WHERE source_row = 1").Scan(&ex, &ref); err != nil {
		t.Fatal(err)
	}
	if ex != "the group chose the grants" || ref != "chars 11–37 of the transcript (0:00:05.000–0:00:09.250)" {
		t.Errorf("transcript coding: %q %q", ex, ref)
	}
	want := map[int][]string{
		2: {"bad-position", "toSyncPoint \"" + gid('y', 9) + "\" is not a sync point"},
		3: {"bad-position", "runs from 9000 ms to 1000 ms"},
		4: {"duplicate-row", "another VideoSelection before it has the same GUID (line 11)"},
		5: {"bad-position", `begin "ten" is not a whole number`},
		6: {"missing-xml", "the coding names no code"}, // and it has no date: no-period too
		7: {"no-excerpt", "kept outside the project file (relative:///notes.txt)"},
		8: {"no-excerpt", `the project names its text "internal://missing.txt" but the .qdpx holds no such file`},
		9: {"no-excerpt", "only its formatted (rich) text"},
	}
	got := map[int][]string{}
	for _, p := range r.Problems {
		if got[p.Line] == nil { // a row's first fault
			got[p.Line] = []string{string(TypeOf(p)), p.Error()}
		}
	}
	for row, w := range want {
		if g := got[row]; g == nil || g[0] != w[0] || !strings.Contains(g[1], w[1]) {
			t.Errorf("coding %d: %q, want %s containing %q", row, g, w[0], w[1])
		}
	}
	if len(got) != len(want) || r.Loaded != 4 || r.Quarantined != 5 {
		t.Errorf("loaded %d quarantined %d problems %v", r.Loaded, r.Quarantined, r.Problems)
	}
	var code string
	if err := e.st.DB.QueryRow("SELECT code FROM interview_codes WHERE source_row = 7 AND excerpt IS NULL AND segment_ref = 'chars 0–4'").Scan(&code); err != nil || code != "Grants" {
		t.Errorf("coding without text: %q %v", code, err)
	}
}

func TestQDC(t *testing.T) {
	e := newEnv(t)
	e.opt.PeriodFrom = "created" // the sources were added to the project when recorded
	qdc := `<?xml version="1.0" encoding="utf-8"?>
<CodeBook xmlns="urn:QDA-XML:codebook:1.0" origin="NVivo 14">
  <Codes>
    <Code guid="` + gid('c', 1) + `" name="Leadership" isCodable="false">
      <Code guid="` + gid('c', 2) + `" name="Working groups" isCodable="true"><Description>Groups with delegated power</Description></Code>
    </Code>
    <Code guid="` + gid('c', 3) + `" name="Voice" isCodable="true"/>
  </Codes>
  <Sets><Set guid="` + gid('x', 1) + `" name="Set"><MemberCode guid="` + gid('c', 3) + `"/></Set></Sets>
</CodeBook>`
	r := e.load(writeFile(t, e.path("Codebook.qdc"), []byte(qdc)))
	if r.Refused != nil || r.Rows != 3 || r.Loaded != 3 || strings.Join(r.Kinds, ",") != "codebook (3 codes)" {
		t.Fatalf("%+v", r)
	}
	if n := e.count("SELECT count(*) FROM qda_codes WHERE origin = 'qdc' AND project = 'Codebook.qdc' AND load_id = ?", r.LoadID); n != 3 {
		t.Errorf("%d codes", n)
	}
	if n := e.count("SELECT count(*) FROM qda_codes WHERE path = 'Leadership/Working groups' AND parent_guid = ? AND description = 'Groups with delegated power'", gid('c', 1)); n != 1 {
		t.Error("nested code not loaded")
	}
	if n := e.count("SELECT count(*) FROM loads WHERE kinds = 'codebook (3 codes)' AND rows_loaded = 3"); n != 1 {
		t.Error("load record")
	}
	if again := e.load(e.path("Codebook.qdc")); !again.AlreadyLoaded {
		t.Errorf("re-load: %+v", again)
	}
	files, err := Expand([]string{e.dir})
	if err != nil || len(files) != 1 || !strings.HasSuffix(files[0], "Codebook.qdc") {
		t.Errorf("Expand: %v %v", files, err)
	}
	for _, tc := range []struct{ body, msg string }{
		{project("x"), "is not a REFI-QDA codebook: its top element is <Project>"},
		{`<CodeBook xmlns="urn:QDA-XML:codebook:1.0"><Codes><Code name="x" isCodable="true"/></Codes></CodeBook>`, "Book.qdc at character 83: <Code> has no guid"},
		{"", "the file is empty"},
	} {
		r := e.load(writeFile(t, e.path("Book.qdc"), []byte(tc.body)))
		if r.Refused == nil || !strings.Contains(r.Refused.Error(), tc.msg) {
			t.Errorf("%q: refused %v, want %q", tc.body, r.Refused, tc.msg)
		}
	}
	var fe *position.Error
	if r := e.load(e.path("Book.qdc")); !errors.As(r.Refused, &fe) || !errors.Is(r.Refused, ErrRefused) || fe.File != "Book.qdc" {
		t.Errorf("not a refusal with its file: %v", r.Refused)
	}
}

// The saved queries that check the codebook mapping against the code trees.
func TestQDPXMappingQueries(t *testing.T) {
	e := newEnv(t)
	e.opt.PeriodFrom = "created" // the sources were added to the project when recorded
	qde, files := mainProject(t)
	if r := e.load(writeQDPX(t, e.path("interviews.qdpx"), qde, files)); r.Refused != nil {
		t.Fatal(r.Refused)
	}
	for _, m := range [][4]string{
		{"Leadership/Working groups", "model", "2", "Leadership / Working groups*"},
		{"Leadership/Working groups/Delegation", "model", "2", "Leadership / Working groups*"},
		{"Leadership/Delegated", "model", "2", "Leadership/Delegated*"}, // a spreadsheet's spelling
	} {
		if _, err := e.st.DB.Exec("INSERT INTO code_mapping VALUES (?, ?, ?, ?, ?, 3)", m[0]+"/"+m[1]+"/"+m[2], m[0], m[1], m[2], m[3]); err != nil {
			t.Fatal(err)
		}
	}
	run := func(name string, params ...any) []string {
		t.Helper()
		b, err := fs.ReadFile(queries.Library, name+".sql")
		if err != nil {
			t.Fatal(err)
		}
		rows, err := e.st.DB.Query(string(b), params...)
		if err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		defer rows.Close()
		var out []string
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			out = append(out, fmt.Sprint(vals[:3]...))
		}
		return out
	}
	unused := run("codes_unused_by_mapping", sql.Named("project", "*"))
	if got := strings.Join(unused, " | "); got != "Our Bigger Story interviewsqdpxLeadership/Partnership | Our Bigger Story interviewsqdpxVoice" {
		t.Errorf("codes_unused_by_mapping: %q", got)
	}
	if got := run("codes_unused_by_mapping", sql.Named("project", "other*")); len(got) != 0 {
		t.Errorf("filtered by project: %q", got)
	}
	missing := run("mapping_codes_not_in_projects", sql.Named("target", "*"))
	if got := strings.Join(missing, " | "); got != "Leadership/Delegated*model2" {
		t.Errorf("mapping_codes_not_in_projects: %q", got)
	}
}

// Sources that all name one text must not unpack it without end.
func TestQDPXRepeatedText(t *testing.T) {
	text := strings.Repeat("Residents lead. ", 400)
	var srcs string
	for i := 0; i < 4; i++ {
		srcs += fmt.Sprintf(`<TextSource guid="%s" name="Birchfield %d" plainTextPath="internal://same.txt">%s</TextSource>`,
			gid('s', i), i, textSel(gid('p', i), 0, 9, coding(gid('g', i), gid('c', 1), "", "2021-06-01")))
	}
	qde := project("x", `<CodeBook><Codes><Code guid="`+gid('c', 1)+`" name="Lead" isCodable="true"/></Codes></CodeBook>`, `<Sources>`+srcs+`</Sources>`)
	e := newEnv(t)
	e.opt.PeriodFrom = "created" // the sources were added to the project when recorded
	e.opt.AreaFrom = `source:^(\w+)`
	e.opt.Limits = Limits{MaxFileBytes: 1 << 30, MaxUnzippedBytes: int64(len(qde) + len(text) + 100), MaxRatio: 200}
	r := e.load(writeQDPX(t, e.path("p.qdpx"), qde, map[string]string{"sources/same.txt": text}))
	if r.Refused != nil || r.Loaded != 4 {
		t.Fatalf("%v %v", r.Refused, r.Problems)
	}
	if len(r.Problems) != 3 || TypeOf(r.Problems[0]) != NoExcerpt || !strings.Contains(r.Problems[0].Error(), "looks like a zip bomb") {
		t.Errorf("problems: %v", r.Problems)
	}
}

// With --area-from case, a case named after a person is no area, and the
// person's name stays out of the quarantine.
func TestQDPXAreaFromCaseNamedAfterPerson(t *testing.T) {
	e := newEnv(t)
	e.opt.PeriodFrom = "created"          // the sources were added to the project when recorded
	e.opt.Keyring.Pseudonym("Anna Jones") // known from an earlier return
	qde, files := mainProject(t)
	e.opt.AreaFrom = "case"
	r := e.load(writeQDPX(t, e.path("p.qdpx"), qde, files))
	if r.Refused != nil || r.Loaded != 0 {
		t.Fatalf("%v loaded %d", r.Refused, r.Loaded)
	}
	if n := e.count("SELECT count(*) FROM quarantine WHERE concat_ws('|', message, raw, area_id) LIKE '%Anna%'"); n != 0 {
		t.Errorf("%d quarantined rows name Anna", n)
	}
}
