package ingest

import "testing"

// TestSameReturn: what counts as a corrected version of the same return.
func TestSameReturn(t *testing.T) {
	for _, tc := range []struct {
		a, b string
		same bool
	}{
		{"birchfield-events-2021-22.xlsx", "Birchfield events 2021-22 v2.xlsx", true},
		{"birchfield-events-2021-22.xlsx", "birchfield_events_2021-22 (1).xlsx", true},
		{"birchfield-events-2021-22.xlsx", "Birchfield Events 2021-22 FINAL corrected.csv", true},
		{"birchfield-events-2021-22.xlsx", "birchfield events 2021-22 version 3.xlsx", true},
		{"events.xlsx", "events 2024-03-01.xlsx", true},
		{"events.xlsx", "events 01.03.2024.xlsx", true},
		{"events.xlsx", "events 20240301.xlsx", true},
		{"events.xlsx", "events 1 March 2024.xlsx", true},
		{"events-v1.xlsx", "events-v2.xlsx", true},
		{"project.qdpx", "project-v2.qdpx", true},
		{"birchfield-events-2021-22.xlsx", "events-extra.xlsx", false},
		{"birchfield-events-2021-22.xlsx", "birchfield-events-2022-23.xlsx", false}, // a period is no version mark
		{"volunteering May 2021.csv", "volunteering June 2021.csv", false},          // nor a month
		{"events 2021.xlsx", "events 2022.xlsx", false},                             // nor a year
		{"final.xlsx", "corrected.xlsx", false},                                     // nothing left to compare
	} {
		if got := SameReturn(tc.a, tc.b); got != tc.same {
			t.Errorf("SameReturn(%q, %q) = %v, want %v (names %q and %q)", tc.a, tc.b, got, tc.same, ReturnName(tc.a), ReturnName(tc.b))
		}
	}
}
