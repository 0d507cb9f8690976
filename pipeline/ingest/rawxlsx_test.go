package ingest

import (
	"fmt"
	"html"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/schemas"
)

// Workbooks written the way Excel writes them, part by part, where the
// difference matters: merged header cells, time formats in styles.xml.

// xc is a cell of a hand-written sheet: a number, or text (written inline),
// with an optional style index.
type xc struct {
	v     any
	style int
}

// rawSheetXML writes a worksheet's XML: rows from row 1, nil cells left
// out, and the merged ranges given.
func rawSheetXML(rows [][]any, merges ...string) string {
	var b strings.Builder
	b.WriteString(`<?xml version="1.0" encoding="UTF-8" standalone="yes"?>` + "\n" +
		`<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`)
	for r, row := range rows {
		fmt.Fprintf(&b, `<row r="%d">`, r+1)
		for c, v := range row {
			ref := fmt.Sprintf("%c%d", 'A'+c, r+1)
			style := 0
			if x, ok := v.(xc); ok {
				v, style = x.v, x.style
			}
			switch v := v.(type) {
			case nil:
				if style > 0 { // a styled empty cell, as Excel leaves under a merge
					fmt.Fprintf(&b, `<c r="%s" s="%d"/>`, ref, style)
				}
			case string:
				fmt.Fprintf(&b, `<c r="%s" s="%d" t="inlineStr"><is><t>%s</t></is></c>`, ref, style, html.EscapeString(v))
			default:
				fmt.Fprintf(&b, `<c r="%s" s="%d"><v>%v</v></c>`, ref, style, v)
			}
		}
		b.WriteString(`</row>`)
	}
	b.WriteString(`</sheetData>`)
	if len(merges) > 0 {
		fmt.Fprintf(&b, `<mergeCells count="%d">`, len(merges))
		for _, m := range merges {
			fmt.Fprintf(&b, `<mergeCell ref="%s"/>`, m)
		}
		b.WriteString(`</mergeCells>`)
	}
	b.WriteString(`</worksheet>`)
	return b.String()
}

// rawWorkbook writes a one-sheet workbook from its parts, with the cell
// styles given (cellXfs, numFmts as Excel writes them).
func rawWorkbook(t *testing.T, path, sheetName, sheetXML, numFmts, cellXfs string) string {
	return writeParts(t, path, map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/styles.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml"/></Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="` + html.EscapeString(sheetName) + `" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/><Relationship Id="rId3" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/styles" Target="styles.xml"/></Relationships>`,
		"xl/styles.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<styleSheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main">` + numFmts +
			`<fonts count="1"><font><sz val="11"/><name val="Calibri"/></font></fonts><fills count="1"><fill><patternFill patternType="none"/></fill></fills><borders count="1"><border/></borders>` +
			`<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>` + cellXfs + `</styleSheet>`,
		"xl/worksheets/sheet1.xml": sheetXML,
	})
}

const plainXfs = `<cellXfs count="2"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0" applyAlignment="1"><alignment horizontal="center"/></xf></cellXfs>`

// A group header merged across its sub-headers, as Excel saves it: the
// group's text in the first cell, styled empty cells under the merge.
func TestTwoRowHeader(t *testing.T) {
	e := newEnv(t)
	sheet := rawSheetXML([][]any{
		{"Area", "Date", "Event", xc{"Attendance", 1}, xc{nil, 1}, xc{nil, 1}},
		{nil, nil, nil, "Total", "Residents", "New"},
		{"hanwell", "01/05/2021", "Fun day", 40, 30, 5},
		{"hanwell", "08/05/2021", "Litter pick", 12, 12, 0},
	}, "A1:A2", "B1:B2", "C1:C2", "D1:F1")
	r := e.load(rawWorkbook(t, e.path("events.xlsx"), "Events", sheet, "", plainXfs))
	if r.Refused != nil || r.Loaded != 2 || r.Quarantined != 0 || len(r.Unrecognised) != 0 {
		t.Fatalf("loaded %d, quarantined %d, refused %v, unrecognised %v: %v", r.Loaded, r.Quarantined, r.Refused, r.Unrecognised, r.Problems)
	}
	if n := e.count("SELECT sum(attendees)*10000 + sum(resident_attendees)*100 + sum(new_attendees) FROM events"); n != 524205 {
		t.Errorf("attendees/residents/new = %d, want 52, 42 and 5", n)
	}
	if n := e.count("SELECT min(source_row) FROM events"); n != 3 {
		t.Errorf("first data row = %d, want 3 (both header rows skipped)", n)
	}
}

func TestTwoRowHeaderJoin(t *testing.T) {
	got, spans := twoRowHeader([]string{"Date", "Attendance", "", "", "Notes"}, []string{"", "Total", "Residents", "New (first time)"})
	want := []string{"Date", "Attendance: Total", "Attendance: Residents", "Attendance: New (first time)", "Notes"}
	if !spans || strings.Join(got, "|") != strings.Join(want, "|") {
		t.Errorf("twoRowHeader = %q, %v; want %q", got, spans, want)
	}
	if _, ok := twoRowHeader([]string{"Date", "Event"}, []string{"01/05/2021", "Fun day"}); ok {
		t.Error("a data row was read as sub-headers")
	}
}

// Headers with units in brackets map; a header that maps to nothing is
// reported with a suggestion, and a sheet whose figures all sit under
// unknown headers is warned about.
func TestUnrecognisedHeaders(t *testing.T) {
	e := newEnv(t)
	p := writeXLSX(t, e.path("events.xlsx"), sheetData{"Events", [][]any{
		{"Area", "Date", "Event", "Attendance (people)", "Resident attendees (people)", "New attendees (no.)", "Footfall", "Atendees"},
		{"hanwell", "01/05/2021", "Fun day", 40, 30, 5, 300, 41},
	}})
	r := e.load(p)
	if r.Refused != nil || r.Loaded != 1 {
		t.Fatalf("%+v", r)
	}
	if n := e.count("SELECT attendees*10000 + resident_attendees*100 + new_attendees FROM events"); n != 403005 {
		t.Errorf("bracketed headers: got %d, want 40, 30 and 5", n)
	}
	var msgs []string
	for _, u := range r.Unrecognised {
		msgs = append(msgs, u.Error())
	}
	want := []string{
		"events.xlsx:Events!G1: column 'Footfall' was not recognised; did you mean one of event_type, organised_by? ('obs export' writes a data dictionary listing the headers each column accepts.) It was not loaded",
		"events.xlsx:Events!H1: column 'Atendees' was not recognised; did you mean one of event_type, organised_by? ('obs export' writes a data dictionary listing the headers each column accepts.) It was not loaded",
	}
	if strings.Join(msgs, "\n") != strings.Join(want, "\n") {
		t.Errorf("unrecognised:\n%s\nwant:\n%s", strings.Join(msgs, "\n"), strings.Join(want, "\n"))
	}
	if len(r.Warnings) != 0 {
		t.Errorf("warnings %q, want none (the figures loaded)", r.Warnings)
	}
	p = writeXLSX(t, e.path("events2.xlsx"), sheetData{"Events", [][]any{
		{"Area", "Date", "Event", "Headcount", "Locals"},
		{"hanwell", "02/05/2021", "Walk", 40, 30},
	}})
	r = e.load(p)
	if len(r.Warnings) != 1 || !strings.Contains(r.Warnings[0], "no events column beyond the required ones holds a value") || !strings.Contains(r.Warnings[0], "'Headcount', 'Locals'") {
		t.Errorf("warnings %q, want one naming Headcount and Locals", r.Warnings)
	}
	if len(r.Unrecognised) != 2 || !strings.Contains(r.Unrecognised[0].Error(), "did you mean") {
		t.Errorf("unrecognised %v", r.Unrecognised)
	}
}

// An hours cell holding a time of day (2:30, number format h:mm or [h]:mm)
// is 2.5 hours, not 0.104.
func TestTimeCellIsHours(t *testing.T) {
	e := newEnv(t)
	numFmts := `<numFmts count="1"><numFmt numFmtId="164" formatCode="[h]:mm;@"/></numFmts>`
	xfs := `<cellXfs count="4"><xf numFmtId="0" fontId="0" fillId="0" borderId="0" xfId="0"/>` +
		`<xf numFmtId="20" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
		`<xf numFmtId="164" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/>` +
		`<xf numFmtId="2" fontId="0" fillId="0" borderId="0" xfId="0" applyNumberFormat="1"/></cellXfs>`
	sheet := rawSheetXML([][]any{
		{"Area", "Month", "Volunteer", "Hours"},
		{"hanwell", "May 2021", "Ann Example", xc{0.104166666666667, 1}}, // 2:30, h:mm
		{"hanwell", "May 2021", "Bob Example", xc{1.08333333333333, 2}},  // 26:00, [h]:mm
		{"hanwell", "May 2021", "Cy Example", xc{0.25, 3}},               // 0.25 shown as 0.25 (format 0.00)
	})
	r := e.load(rawWorkbook(t, e.path("hours.xlsx"), "Volunteering", sheet, numFmts, xfs))
	if r.Refused != nil || r.Loaded != 3 {
		t.Fatalf("%+v %v", r, r.Problems)
	}
	if n := e.count("SELECT (sum(hours)*100)::INT FROM volunteering"); n != 2875 {
		t.Errorf("hours = %d hundredths, want 2875 (2.5 + 26 + 0.25)", n)
	}
	for code, want := range map[string]bool{"h:mm": true, "[h]:mm:ss": true, "hh:mm AM/PM": true, "mm:ss": true, "dd/mm/yyyy": false, "d/m/yy h:mm": false, "0.00": false, `"h"0`: false, "General": false, "[$-F400]h:mm:ss AM/PM": true} {
		if got := isTimeFormat(code); got != want {
			t.Errorf("isTimeFormat(%q) = %v", code, got)
		}
	}
}

func TestSuggestNearSpelling(t *testing.T) {
	m := mapHeaders(schemas.KindByName("events"), []string{"Area", "Date", "Event", "Atendance", "Residents"})
	got := unrecognised("e.xlsx", "Events", m)
	if len(got) != 1 || !strings.Contains(got[0].Error(), "column 'Atendance' was not recognised; did you mean attendees? It was not loaded") {
		t.Errorf("unrecognised = %v", got)
	}
}

// A workbook whose cell formats cannot be read still loads, and the load
// says that times in it read as fractions of a day.
func TestDamagedStylesSaid(t *testing.T) {
	e := newEnv(t)
	sheet := rawSheetXML([][]any{
		{"Area", "Month", "Volunteer", "Hours"},
		{"hanwell", "May 2021", "Ann Example", xc{0.104166666666667, 1}},
	})
	r := e.load(rawWorkbook(t, e.path("hours.xlsx"), "Volunteering", sheet, `<numFmts count="1"><numFmt numFmtId="164"`, ""))
	if r.Refused != nil || r.Loaded != 1 {
		t.Fatalf("%+v %v", r, r.Problems)
	}
	if len(r.Notes) != 1 || !strings.Contains(r.Notes[0], "cell formats (styles.xml) could not be read") {
		t.Errorf("notes %q, want one saying the cell formats could not be read", r.Notes)
	}
}
