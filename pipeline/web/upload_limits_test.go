package web

import (
	"archive/zip"
	"bytes"
	"fmt"
	"net/http"
	"strings"
	"testing"
	"time"
)

// sharedPartWorkbook is a workbook whose sheets entries all point at one
// worksheet part holding body.
func sharedPartWorkbook(t *testing.T, sheets int, body string) []byte {
	return partsWorkbook(t, sheets, []string{body})
}

// partsWorkbook is a workbook of sheets named Events, Events 2...; sheet i
// is stored in part i modulo len(bodies), whose sheetData is that body. The
// XML parts are written here, as an attacker would, not by a spreadsheet
// program.
func partsWorkbook(t *testing.T, sheets int, bodies []string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	add := func(name, text string) {
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write([]byte(text))
	}
	add("[Content_Types].xml", `<?xml version="1.0"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/></Types>`)
	add("_rels/.rels", `<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`)
	var wb, rels strings.Builder
	wb.WriteString(`<?xml version="1.0"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets>`)
	rels.WriteString(`<?xml version="1.0"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships">`)
	for i := 1; i <= sheets; i++ {
		name := "Events"
		if i > 1 {
			name = fmt.Sprintf("Events %d", i)
		}
		fmt.Fprintf(&wb, `<sheet name="%s" sheetId="%d" r:id="rId%d"/>`, name, i, i)
		fmt.Fprintf(&rels, `<Relationship Id="rId%d" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet%d.xml"/>`, i, (i-1)%len(bodies)+1)
	}
	wb.WriteString(`</sheets></workbook>`)
	rels.WriteString(`</Relationships>`)
	add("xl/workbook.xml", wb.String())
	add("xl/_rels/workbook.xml.rels", rels.String())
	for i, body := range bodies {
		add(fmt.Sprintf("xl/worksheets/sheet%d.xml", i+1), `<?xml version="1.0"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData>`+body+`</sheetData></worksheet>`)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

// eventRows is n rows of an Events sheet, inline strings, every one with
// an area obs does not know (each row would be quarantined).
func eventRows(n int) string {
	var b strings.Builder
	b.WriteString(`<row r="1"><c r="A1" t="inlineStr"><is><t>Area</t></is></c><c r="B1" t="inlineStr"><is><t>Event date</t></is></c><c r="C1" t="inlineStr"><is><t>Event</t></is></c></row>`)
	for i := 2; i <= n+1; i++ {
		fmt.Fprintf(&b, `<row r="%d"><c r="A%d" t="inlineStr"><is><t>Nowhere %d</t></is></c><c r="B%d" t="inlineStr"><is><t>2021-05-01</t></is></c><c r="C%d" t="inlineStr"><is><t>Fair</t></is></c></row>`, i, i, i, i, i)
	}
	return b.String()
}

// TestUploadLimitsHold: workbooks whose sheets share one part (1,000
// entries on 15 MB of spaces; 20 entries on 72,000 rows) are refused at
// once, before any of their rows is read; a workbook of 20 sheets each
// with a row a million rows down is refused once obs has gone through as
// many rows as it reads from one file; a sheet whose rows are nearly all
// faulty is refused past the limit on quarantined rows. Nothing of them is
// stored, and the pages answer within a second meanwhile.
func TestUploadLimitsHold(t *testing.T) {
	st := emptyStore(t)
	_, ts, c := testServer(t, st, Options{})
	get(t, c, ts.URL+"/")
	stop := make(chan struct{})
	worst := probe(t, c, ts.URL, "/", stop)

	spaces := sharedPartWorkbook(t, 1000, strings.Repeat(" ", 15<<20))
	rows := sharedPartWorkbook(t, 20, eventRows(72000))
	far := make([]string, 20)
	for i := range far {
		far[i] = eventRows(1) + `<row r="1048576"><c r="A1048576" t="inlineStr"><is><t>Nowhere</t></is></c></row>`
	}
	farRows := partsWorkbook(t, 20, far)
	faulty := partsWorkbook(t, 1, []string{eventRows(12000)})
	t.Logf("1,000 sheets on 15 MB of spaces: %d KB; 20 sheets on 72,000 rows: %d KB; 20 sheets a million rows long: %d KB; 12,000 faulty rows: %d KB",
		len(spaces)>>10, len(rows)>>10, len(farRows)>>10, len(faulty)>>10)
	for _, tc := range []struct {
		name string
		body []byte
		want string
	}{
		{"spaces.xlsx", spaces, "stored in the same part"},
		{"rows.xlsx", rows, "stored in the same part"},
		{"far.xlsx", farRows, "rows as obs reads its sheets"},
		{"faulty.xlsx", faulty, "more than 10000 rows would be quarantined"},
	} {
		start := time.Now()
		code, page := postFiles(t, c, ts.URL, map[string][]byte{tc.name: tc.body}, tc.name)
		took := time.Since(start)
		t.Logf("%s: %d in %s, a page of %d KB", tc.name, code, took.Round(time.Millisecond), len(page)>>10)
		if code != http.StatusOK || !strings.Contains(page, "refused") || !strings.Contains(page, tc.want) || len(page) > 1<<20 {
			t.Errorf("%s: %d, %d bytes; want it refused saying %q", tc.name, code, len(page), tc.want)
		}
	}
	close(stop)
	t.Logf("slowest page during the uploads: %s", worst())
	if n := count(t, st, "SELECT count(*) FROM loads") + count(t, st, "SELECT count(*) FROM quarantine"); n != 0 {
		t.Errorf("%d loads and quarantined rows stored from refused files", n)
	}
}

// TestUploadTimeBound: an upload that would hold the database longer than
// UploadTime is stopped and undone, with a message.
func TestUploadTimeBound(t *testing.T) {
	st := emptyStore(t)
	_, ts, c := testServer(t, st, Options{UploadTime: time.Millisecond})
	code, page := postFiles(t, c, ts.URL, map[string][]byte{"volunteering.csv": []byte("area,month,volunteer,hours\nHanwell,2021-05,Test Volunteer,4\n")}, "volunteering.csv")
	if code == http.StatusOK || !strings.Contains(page, "longer than one upload may hold the database") {
		t.Errorf("an upload past its time: %d %q", code, clipText(page, 300))
	}
	if n := count(t, st, "SELECT count(*) FROM loads"); n != 0 {
		t.Errorf("%d loads stored from an upload stopped at its time limit", n)
	}
}
