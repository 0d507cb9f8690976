package ingest

import (
	"path/filepath"
	"regexp"
	"strings"
	"unicode"
)

// SameReturn says whether two file names name the same return, one a
// corrected version of the other: they are equal once the case, the spaces
// and punctuation, the extension and the version marks are set aside.
// Version marks are whole words:
//
//   - v2, v 2, ver 2, version 2, rev 2;
//   - a copy's number in brackets: (1), [2];
//   - final, corrected, correction, revised, amended, updated, latest, copy;
//   - a full date: 2024-03-01, 01.03.2024, 1-3-24, 20240301, 1 March 2024.
//
// A year or a reporting period (2021, 2021-22, May 2021) is not a version
// mark: "events 2021-22" and "events 2022-23" are different returns. So
// "Birchfield events 2021-22 v2 (1).xlsx" is the same return as
// "birchfield-events-2021-22.xlsx", and "events-extra.xlsx" is not.
func SameReturn(a, b string) bool {
	ka, kb := ReturnName(a), ReturnName(b)
	return ka != "" && ka == kb
}

var (
	copyNumber = regexp.MustCompile(`[(\[]\s*\d+\s*[)\]]`)
	months     = `(jan|feb|mar|apr|may|jun|jul|aug|sep|sept|oct|nov|dec)[a-z]*`
	fullDates  = regexp.MustCompile(`\b(` +
		`\d{4}[-./]\d{1,2}[-./]\d{1,2}` + // 2024-03-01
		`|\d{1,2}[-./]\d{1,2}[-./]\d{2,4}` + // 01.03.2024, 1-3-24
		`|(19|20)\d{2}(0[1-9]|1[0-2])(0[1-9]|[12]\d|3[01])` + // 20240301
		`|\d{1,2}(st|nd|rd|th)? ?` + months + ` ?\d{4}` + // 1 March 2024
		`)\b`)
	versionWords = map[string]bool{"final": true, "corrected": true, "correction": true, "revised": true,
		"amended": true, "updated": true, "latest": true, "copy": true}
	versionNumber = regexp.MustCompile(`^v\d+$`)
)

// ReturnName is a file name as SameReturn compares it: lower case, without
// its extension, version marks, spaces or punctuation.
func ReturnName(file string) string {
	s := strings.ToLower(strings.TrimSuffix(file, filepath.Ext(file)))
	s = strings.ReplaceAll(s, "_", " ") // so that \b sees the words of birchfield_events_v2
	s = copyNumber.ReplaceAllString(s, " ")
	s = fullDates.ReplaceAllString(s, " ")
	words := strings.FieldsFunc(s, func(r rune) bool { return !unicode.IsLetter(r) && !unicode.IsDigit(r) })
	var b strings.Builder
	for i := 0; i < len(words); i++ {
		w := words[i]
		switch {
		case versionWords[w], versionNumber.MatchString(w):
			continue
		case (w == "v" || w == "ver" || w == "version" || w == "rev") && i+1 < len(words) && isDigits(words[i+1]):
			i++
			continue
		}
		b.WriteString(w)
	}
	return b.String()
}

func isDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}
