package ingest

import (
	"archive/zip"
	"bytes"
	"fmt"
	"html"
	"sort"
	"strings"
	"testing"
	"unicode/utf8"
)

// Helpers that make REFI-QDA projects in tests.

// gid makes a GUID from a kind letter and a number: gid('c', 3).
func gid(kind byte, n int) string {
	return fmt.Sprintf("%08x-0000-4000-8000-%012x", kind, n)
}

// qdpxZip returns the bytes of a .qdpx holding project.qde and files
// (path in the archive -> content).
func qdpxZip(t testing.TB, qde string, files map[string]string) []byte {
	t.Helper()
	var buf bytes.Buffer
	zw := zip.NewWriter(&buf)
	names := []string{}
	for n := range files {
		names = append(names, n)
	}
	sort.Strings(names)
	if qde != "" {
		names = append([]string{"project.qde"}, names...)
	}
	for _, n := range names {
		w, err := zw.Create(n)
		if err != nil {
			t.Fatal(err)
		}
		body := files[n]
		if n == "project.qde" {
			body = qde
		}
		if _, err := w.Write([]byte(body)); err != nil {
			t.Fatal(err)
		}
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return buf.Bytes()
}

func writeQDPX(t testing.TB, path, qde string, files map[string]string) string {
	t.Helper()
	return writeFile(t, path, qdpxZip(t, qde, files))
}

// project wraps the parts of a project.qde in its Project element.
func project(origin string, parts ...string) string {
	return `<?xml version="1.0" encoding="utf-8"?>
<Project xmlns="urn:QDA-XML:project:1.0" name="Our Bigger Story interviews" origin="` + origin + `" creationDateTime="2021-04-01T09:00:00Z">
` + strings.Join(parts, "\n") + "\n</Project>\n"
}

func esc(s string) string { return html.EscapeString(s) }

// chars returns the start and end positions of the first sub in text,
// counted in code points, as the standard counts them.
func chars(t testing.TB, text, sub string) (int, int) {
	t.Helper()
	i := strings.Index(text, sub)
	if i < 0 {
		t.Fatalf("%q not in the text", sub)
	}
	st := utf8.RuneCountInString(text[:i])
	return st, st + utf8.RuneCountInString(sub)
}

// textSel is a PlainTextSelection with codings, each "codeGUID@userGUID@date#codingGUID".
func textSel(guid string, start, end int, codings ...string) string {
	return fmt.Sprintf(`<PlainTextSelection guid="%s" startPosition="%d" endPosition="%d" creationDateTime="2021-06-01T10:00:00Z">`, guid, start, end) +
		strings.Join(codings, "") + "</PlainTextSelection>"
}

// coding is a Coding of code by user on date (yyyy-mm-dd; "" for none).
func coding(guid, code, user, date string) string {
	a := ""
	if user != "" {
		a += fmt.Sprintf(` creatingUser="%s"`, user)
	}
	if date != "" {
		a += fmt.Sprintf(` creationDateTime="%sT12:00:00Z"`, date)
	}
	return fmt.Sprintf(`<Coding guid="%s"%s><CodeRef targetGUID="%s"/></Coding>`, guid, a, code)
}

// genProject makes a project of nSources text sources and nCodings codings
// (spread evenly), for benchmarks: each source is an interview in one of
// two areas.
func genProject(nSources, nCodings int) (string, map[string]string) {
	var b strings.Builder
	b.WriteString(`<Users><User guid="` + gid('u', 1) + `" name="Sam Coder"/></Users>`)
	b.WriteString(`<CodeBook><Codes>`)
	for i := 0; i < 20; i++ {
		fmt.Fprintf(&b, `<Code guid="%s" name="Theme %d" isCodable="false">`, gid('t', i), i)
		for j := 0; j < 5; j++ {
			fmt.Fprintf(&b, `<Code guid="%s" name="Sub %d" isCodable="true"/>`, gid('c', i*5+j), j)
		}
		b.WriteString(`</Code>`)
	}
	b.WriteString(`</Codes></CodeBook>`)
	b.WriteString(`<Variables><Variable guid="` + gid('v', 1) + `" name="area" typeOfVariable="Text"/></Variables><Cases>`)
	for s := 0; s < nSources; s++ {
		area := "birchfield"
		if s%2 == 1 {
			area = "Hanwell"
		}
		fmt.Fprintf(&b, `<Case guid="%s" name="Participant %d"><VariableValue><VariableRef targetGUID="%s"/><TextValue>%s</TextValue></VariableValue><SourceRef targetGUID="%s"/></Case>`,
			gid('k', s), s, gid('v', 1), area, gid('s', s))
	}
	b.WriteString(`</Cases><Sources>`)
	files := map[string]string{}
	para := "The partnership met at the café on Tuesday; the working group decided the budget. Residents said it felt like their project.\r\n"
	perSource := nCodings / nSources
	n := 0
	for s := 0; s < nSources; s++ {
		text := strings.Repeat(para, 40)
		files[fmt.Sprintf("sources/%s.txt", gid('s', s))] = text
		fmt.Fprintf(&b, `<TextSource guid="%s" name="Interview %d" plainTextPath="internal://%s.txt" creationDateTime="2021-05-10T09:00:00Z">`, gid('s', s), s, gid('s', s))
		size := utf8.RuneCountInString(text)
		for k := 0; k < perSource; k++ {
			st := (k * 97) % (size - 200)
			b.WriteString(textSel(gid('p', n), st, st+150, coding(gid('g', n), gid('c', n%100), gid('u', 1), "2021-06-01")))
			n++
		}
		b.WriteString(`</TextSource>`)
	}
	b.WriteString(`</Sources>`)
	return project("QualCoder 3.5", b.String()), files
}
