package ingest

import "testing"

func TestSplitMessage(t *testing.T) {
	cases := []struct{ file, msg, where, what string }{
		{"events-all-areas.xlsx", `events-all-areas.xlsx:Events!F21: "twelve" is not a number (column attendees); write digits such as 12`,
			"events-all-areas.xlsx:Events!F21", `"twelve" is not a number; write digits such as 12`},
		{"hanwell 2020-21: v2.xlsx", "hanwell 2020-21: v2.xlsx:Events!B5: event is required but the cell is empty (column event); fill it in",
			"hanwell 2020-21: v2.xlsx:Events!B5", "Event is required but the cell is empty; fill it in"},
		{"westfield.xlsx", "westfield.xlsx:Decisions!4: this row repeats row 3 exactly; delete one",
			"westfield.xlsx:Decisions!4", "This row repeats row 3 exactly; delete one"},
		{"a.csv", "something else entirely", "", "Something else entirely"},
		{"", "x.csv:S!A1: no file given", "", "X.csv:S!A1: no file given"},
	}
	for _, c := range cases {
		where, what := SplitMessage(c.file, c.msg)
		if where != c.where || what != c.what {
			t.Errorf("SplitMessage(%q, %q) = %q, %q; want %q, %q", c.file, c.msg, where, what, c.where, c.what)
		}
	}
}
