package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"sort"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/sample"
)

// readAll reads every sheet of a workbook into "sheet!row: cells" lines,
// trailing empty cells and wholly empty rows left out (the two readers may
// differ on rows past the last cell, which hold nothing).
func readAll(t *testing.T, wb workbook) []string {
	t.Helper()
	var out []string
	for _, name := range wb.Sheets() {
		sh, err := wb.Open(name)
		if err != nil {
			t.Fatal(err)
		}
		for sh.Next() {
			row := sh.Row()
			for len(row) > 0 && row[len(row)-1] == "" {
				row = row[:len(row)-1]
			}
			if len(row) > 0 {
				out = append(out, fmt.Sprintf("%s!%d: %q", name, sh.RowNum(), row))
			}
		}
		if err := sh.Err(); err != nil {
			t.Fatalf("%s: %v", name, err)
		}
		sh.Close()
	}
	return out
}

// sameRows holds the fast reader to excelize's raw values on one file.
func sameRows(t *testing.T, path string) int {
	t.Helper()
	ref, err := openExcelize(path, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer ref.Close()
	fast, err := openXLSXFast(path, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer fast.Close()
	if fmt.Sprint(ref.Sheets()) != fmt.Sprint(fast.Sheets()) {
		t.Fatalf("%s: sheets %v, excelize %v", path, fast.Sheets(), ref.Sheets())
	}
	want, got := readAll(t, ref), readAll(t, fast)
	for i := 0; i < max(len(want), len(got)); i++ {
		w, g := "(none)", "(none)"
		if i < len(want) {
			w = want[i]
		}
		if i < len(got) {
			g = got[i]
		}
		if w != g {
			t.Errorf("%s: row %d\nfast     %s\nexcelize %s", filepath.Base(path), i, g, w)
			return 0
		}
	}
	return len(got)
}

// TestFastReaderMatchesExcelize: every sample workbook, and one made to hold
// what real workbooks do, read the same by both readers.
func TestFastReaderMatchesExcelize(t *testing.T) {
	dir := t.TempDir()
	if _, err := sample.Write(filepath.Join(dir, "s"), sample.Options{Areas: 20, Scale: 2, Seed: 3}); err != nil {
		t.Fatal(err)
	}
	files, _ := filepath.Glob(filepath.Join(dir, "s", "*.xlsx"))
	committed, _ := filepath.Glob(filepath.Join("..", "..", "data", "sample", "*.xlsx"))
	files = append(files, committed...)
	files = append(files, trickyWorkbook(t, filepath.Join(dir, "tricky.xlsx")))
	rows := 0
	for _, f := range files {
		rows += sameRows(t, f)
	}
	t.Logf("%d files, %d rows read alike", len(files), rows)
	if len(files) < 30 || rows < 5000 {
		t.Errorf("compared %d files, %d rows: too few to mean much", len(files), rows)
	}
}

// trickyWorkbook holds shared and inline strings, rich text, entities,
// characters Excel escapes, booleans, errors, formulas with cached values,
// dates, sparse rows and columns, and a second sheet.
func trickyWorkbook(t *testing.T, path string) string {
	f := excelize.NewFile()
	defer f.Close()
	s := "Sheet1"
	set := func(cell string, v any) {
		if err := f.SetCellValue(s, cell, v); err != nil {
			t.Fatal(err)
		}
	}
	set("A1", "area")
	set("B1", "Tom & Jerry <b> \"quoted\" 'single'")
	set("C1", "line one\nline two\r\nthree\ttab")
	set("D1", true)
	set("E1", false)
	set("F1", 12.5)
	set("G1", -3)
	set("A3", "after a missing row")
	set("Z3", "far column")
	set("AA5", "ünïcödé ŵ 😀 £")
	set("B6", "  spaces kept  ")
	set("C6", "_x000D_ literal")
	f.SetCellRichText(s, "A7", []excelize.RichTextRun{{Text: "bold "}, {Text: "and plain"}})
	f.SetCellFormula(s, "B7", "F1*2")
	f.SetCellFormula(s, "C7", `"a"&"b"`)
	f.SetCellFormula(s, "D7", "1/0")
	f.SetCellValue(s, "E7", "#REF!")
	style, _ := f.NewStyle(&excelize.Style{NumFmt: 14})
	f.SetCellValue(s, "F7", 44289)
	f.SetCellStyle(s, "F7", "F7", style)
	f.NewSheet("Second sheet")
	f.SetCellValue("Second sheet", "B2", "only cell")
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

func TestColumnOf(t *testing.T) {
	for ref, want := range map[string]int{"A1": 1, "Z9": 26, "AA10": 27, "XFD1048576": 16384, "b2": 2} {
		if got, err := columnOf(ref); got != want || err != nil {
			t.Errorf("columnOf(%s) = %d %v, want %d", ref, got, err, want)
		}
	}
	for _, bad := range []string{"", "1A", "XFE1", "A-1"} {
		if _, err := columnOf(bad); err == nil && !strings.Contains(bad, "-") {
			t.Errorf("columnOf(%q) should fail", bad)
		}
	}
}

// excelLikeWorkbook writes, by hand, the XML Excel and other programs write
// and excelize does not: cached formula values, phonetic runs, booleans and
// errors, prefixed element names, rows and cells without references, a
// comment, CDATA, and the 1904 date system.
func excelLikeWorkbook(t *testing.T, path string) string {
	return writeParts(t, path, excelLikeParts())
}

func excelLikeParts() map[string]string {
	return map[string]string{
		"[Content_Types].xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/><Override PartName="/xl/sharedStrings.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sharedStrings+xml"/></Types>`,
		"_rels/.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>`,
		"xl/workbook.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><workbookPr date1904="1"/><sheets><sheet name="Events &amp; more" sheetId="1" r:id="rId1"/></sheets></workbook>`,
		"xl/_rels/workbook.xml.rels": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="/xl/worksheets/sheet1.xml"/><Relationship Id="rId2" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/sharedStrings" Target="sharedStrings.xml"/></Relationships>`,
		"xl/sharedStrings.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<sst xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" count="4" uniqueCount="4"><si><t>area</t></si><si><r><rPr><b/></rPr><t xml:space="preserve">Fun </t></r><r><t>day</t></r></si><si><t>東京</t><rPh sb="0" eb="2"><t>トウキョウ</t></rPh></si><si/></sst>`,
		"xl/worksheets/sheet1.xml": `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>
<x:worksheet xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><x:sheetData>` +
			`<x:row r="1"><x:c r="A1" t="s"><x:v>0</x:v></x:c><x:c r="B1" t="s"><x:v>1</x:v></x:c><x:c r="C1" t="s"><x:v>2</x:v></x:c><x:c r="D1" t="s"><x:v>3</x:v></x:c></x:row>` +
			`<!-- a comment > with a bracket --><x:row r="2"><x:c r="A2" t="str"><x:f>"a"&amp;"b"</x:f><x:v>ab</x:v></x:c><x:c r="B2" t="b"><x:v>1</x:v></x:c><x:c r="C2" t="e"><x:f>1/0</x:f><x:v>#DIV/0!</x:v></x:c><x:c r="D2" s="3"><x:v>43191</x:v></x:c></x:row>` +
			`<x:row><x:c><x:v>7</x:v></x:c><x:c t="inlineStr"><x:is><x:t><![CDATA[<cdata & text>]]></x:t></x:is></x:c><x:c r="E3"/><x:c r="F3" t="n"><x:v>1.5E-3</x:v></x:c></x:row>` +
			`<x:row r="6" spans="1:2"><x:c r="B6" t="inlineStr"><x:is><x:t>a &#233;&#x263A; &lt;tag&gt;</x:t></x:is></x:c></x:row>` +
			`<x:row r="7"/>` +
			`</x:sheetData></x:worksheet>`,
	}
}

// writeParts zips the parts of a package, in name order.
func writeParts(t *testing.T, path string, parts map[string]string) string {
	t.Helper()
	f, err := os.Create(path)
	if err != nil {
		t.Fatal(err)
	}
	zw := zip.NewWriter(f)
	names := make([]string, 0, len(parts))
	for n := range parts {
		names = append(names, n)
	}
	sort.Strings(names)
	for _, n := range names {
		w, _ := zw.Create(n)
		io.WriteString(w, parts[n])
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	f.Close()
	return path
}

// TestStrictOOXML: a workbook saved as "Strict Open XML" (other namespaces)
// reads the same.
func TestStrictOOXML(t *testing.T) {
	parts := excelLikeParts()
	for name, xml := range parts {
		xml = strings.ReplaceAll(xml, "http://schemas.openxmlformats.org/spreadsheetml/2006/main", "http://purl.oclc.org/ooxml/spreadsheetml/main")
		xml = strings.ReplaceAll(xml, "http://schemas.openxmlformats.org/officeDocument/2006/relationships", "http://purl.oclc.org/ooxml/officeDocument/relationships")
		parts[name] = xml
	}
	wb, err := openXLSXFast(writeParts(t, filepath.Join(t.TempDir(), "strict.xlsx"), parts), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if got := readAll(t, wb); len(got) != 4 || got[0] != `Events & more!1: ["area" "Fun day" "東京"]` {
		t.Errorf("strict workbook read as %q", got)
	}
}

func TestFastReaderOnExcelXML(t *testing.T) {
	p := excelLikeWorkbook(t, filepath.Join(t.TempDir(), "excel.xlsx"))
	if n := sameRows(t, p); n != 4 {
		t.Errorf("rows compared = %d, want 4", n)
	}
	wb, err := openXLSXFast(p, DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	defer wb.Close()
	if !wb.Date1904() {
		t.Error("the 1904 date system was not noticed")
	}
	got := readAll(t, wb)
	want := []string{
		`Events & more!1: ["area" "Fun day" "東京"]`,
		`Events & more!2: ["ab" "1" "#DIV/0!" "43191"]`,
		`Events & more!3: ["7" "<cdata & text>" "" "" "" "1.5E-3"]`,
		`Events & more!6: ["" "a é☺ <tag>"]`,
	}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("read\n%s\nwant\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
}

// TestDate1904: a serial date in a workbook on the 1904 date system is read
// as that system counts it (43191 is 2 April 2022 there, 1 April 2018 in the 1900 system: 1,462 days apart).
func TestDate1904(t *testing.T) {
	e := newEnv(t)
	dir := t.TempDir()
	f := excelize.NewFile()
	f.SetSheetRow("Sheet1", "A1", &[]any{"area", "event date", "event"})
	f.SetSheetRow("Sheet1", "A2", &[]any{"hanwell", 43191, "Fair"})
	plain := filepath.Join(dir, "plain.xlsx")
	if err := f.SaveAs(plain); err != nil {
		t.Fatal(err)
	}
	f.SetWorkbookProps(&excelize.WorkbookPropsOptions{Date1904: boolPtr(true)})
	mac := filepath.Join(dir, "mac.xlsx")
	f.SetCellValue("Sheet1", "C2", "Fair (Mac)")
	if err := f.SaveAs(mac); err != nil {
		t.Fatal(err)
	}
	f.Close()
	for _, c := range []struct{ path, want string }{{plain, "2018-04-01"}, {mac, "2022-04-02"}} {
		if r := e.load(c.path); r.Loaded != 1 {
			t.Fatalf("%s: %+v %v", c.path, r, r.Problems)
		}
	}
	var a, b string
	e.st.DB.QueryRow("SELECT strftime(min(event_date), '%Y-%m-%d'), strftime(max(event_date), '%Y-%m-%d') FROM events").Scan(&a, &b)
	if a != "2018-04-01" || b != "2022-04-02" {
		t.Errorf("dates %s and %s, want 2018-04-01 (1900 system) and 2022-04-02 (1904 system)", a, b)
	}
}

func boolPtr(b bool) *bool { return &b }

// FuzzSheetXML: any bytes as a worksheet's XML read to an end or to an
// error, never a panic or a hang, with row numbers always rising.
func FuzzSheetXML(f *testing.F) {
	f.Add([]byte(`<worksheet><sheetData><row r="1"><c r="A1" t="s"><v>0</v></c><c r="C1" t="inlineStr"><is><t>x &amp; y</t></is></c></row><row r="3"/></sheetData></worksheet>`))
	f.Add([]byte(`<x:sheetData><x:row><x:c t="str"><x:f>A1</x:f><x:v>v</x:v></x:c></x:row><!-- c --><![CDATA[z]]>`))
	f.Add([]byte(`<row r="2"><c r="XFD2"><v>1</v></c></row><row r="1">`))
	f.Fuzz(func(t *testing.T, data []byte) {
		s := &fastSheet{name: "S", rc: io.NopCloser(nil), sc: newScanner(bytes.NewReader(data)), shared: []string{"zero", "one"}}
		last := 0
		for i := 0; s.Next(); i++ {
			if s.RowNum() <= last || i > 2_000_000 {
				t.Fatalf("row %d after %d", s.RowNum(), last)
			}
			last = s.RowNum()
		}
	})
}

// TestSheetPartNames: a sheet stored under another case of its name reads;
// a sheet missing from the file refuses it, naming the sheet.
func TestSheetPartNames(t *testing.T) {
	dir := t.TempDir()
	parts := excelLikeParts()
	parts["xl/worksheets/Sheet1.xml"] = parts["xl/worksheets/sheet1.xml"]
	delete(parts, "xl/worksheets/sheet1.xml")
	wb, err := openXLSXFast(writeParts(t, filepath.Join(dir, "case.xlsx"), parts), DefaultLimits)
	if err != nil {
		t.Fatal(err)
	}
	if got := readAll(t, wb); len(got) != 4 {
		t.Errorf("sheet stored as Sheet1.xml: read %q", got)
	}
	wb.Close()
	delete(parts, "xl/worksheets/Sheet1.xml")
	_, err = openXLSXFast(writeParts(t, filepath.Join(dir, "missing.xlsx"), parts), DefaultLimits)
	if !errors.Is(err, ErrDamaged) || !strings.Contains(err.Error(), "sheet Events & more is missing") {
		t.Errorf("missing sheet: %v", err)
	}
}

func TestTextDecoding(t *testing.T) {
	for in, want := range map[string]string{
		"a_x000D_b":                "a\rb",
		"smile _xD83D__xDE00_":     "smile 😀",
		"_x005F_x0041_":            "_x0041_",
		"no escape here x_1":       "no escape here x_1",
		"lone _xD83D_ half":        "lone \uFFFD half",
		"tom &amp; jerry &#x263A;": "tom & jerry ☺",
	} {
		if got := decodeOOXML([]byte(in)); got != want {
			t.Errorf("decodeOOXML(%q) = %q, want %q", in, got, want)
		}
	}
	sc := newScanner(strings.NewReader("<t>one\r\ntwo\rthree</t>"))
	sc.next()
	tok, _ := sc.next()
	if string(tok.text) != "one\ntwo\nthree" {
		t.Errorf("line ends: %q", tok.text)
	}
}
