package ingest

import (
	"regexp"
	"strings"
)

// A quarantined row's message, as stored, begins with where the problem is
// and names the column by its id: `events.xlsx:Events!F21: "twelve" is not
// a number (column attendees); write digits such as 12 ...`. That is right
// for the command line and the CSV, where one line must say everything. A
// volunteer fixing a return reads the problem beside the cell it is in (the
// problems workbook's comment, the web's quarantine list), where the place
// and the column are already shown: SplitMessage gives the two parts, and
// the message without the column's id.

// SplitMessage splits a stored quarantine message into where it is
// ("events.xlsx:Events!F21") and what is wrong and what to do, written for
// the person who fixes the return: no column ids, starting with a capital.
// file is the quarantine row's file; a message that does not start with it
// comes back whole as what.
func SplitMessage(file, msg string) (where, what string) {
	what = msg
	if rest, ok := strings.CutPrefix(msg, file+":"); ok && file != "" {
		if i := strings.Index(rest, ": "); i >= 0 && strings.Contains(rest[:i], "!") {
			where, what = file+":"+rest[:i], rest[i+2:]
		}
	}
	what = columnID.ReplaceAllString(what, "")
	if what != "" {
		what = strings.ToUpper(what[:1]) + what[1:]
	}
	return where, what
}

// columnID is the " (column attendees)" a stored message names its column by.
var columnID = regexp.MustCompile(` \(column [A-Za-z0-9_]+\)`)
