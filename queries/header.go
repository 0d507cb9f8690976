package queries

import (
	"bufio"
	"strings"
)

// HeaderLine is one "-- key: value" line of a SQL file's header.
type HeaderLine struct {
	Line       int    // 1-based
	Key, Value string // the key in lower case; both trimmed
}

// Header reads the comment lines that open a SQL file (blank lines
// between them allowed; the first other line ends the header): each
// "-- key: value" line whose key isKey accepts, in order, and the text of
// the other comment lines, the file's description for a person. The
// definitions, the QCA analyses and the saved queries all start so.
func Header(text string, isKey func(key string) bool) (lines []HeaderLine, doc []string) {
	sc := bufio.NewScanner(strings.NewReader(text))
	sc.Buffer(make([]byte, 64*1024), 1<<20)
	for n := 1; sc.Scan(); n++ {
		s := strings.TrimSpace(sc.Text())
		if s == "" {
			continue
		}
		if !strings.HasPrefix(s, "--") {
			break
		}
		s = strings.TrimSpace(strings.TrimPrefix(s, "--"))
		key, val, ok := strings.Cut(s, ":")
		key = strings.ToLower(strings.TrimSpace(key))
		if ok && !strings.ContainsAny(key, " \t") && isKey(key) {
			lines = append(lines, HeaderLine{Line: n, Key: key, Value: strings.TrimSpace(val)})
		} else if s != "" {
			doc = append(doc, s)
		}
	}
	return lines, doc
}
