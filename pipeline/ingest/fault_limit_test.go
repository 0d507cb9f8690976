package ingest

import (
	"errors"
	"fmt"
	"strings"
	"testing"
)

// TestTooManyFaultsRefused: a file whose rows would be quarantined past the
// limit, or mostly, is refused whole as not a return of its kind; a small
// file with many faults still loads what it can.
func TestTooManyFaultsRefused(t *testing.T) {
	csvOf := func(good, bad int) []byte {
		var b strings.Builder
		b.WriteString("area,month,volunteer,hours\n")
		for i := 0; i < good; i++ {
			fmt.Fprintf(&b, "hanwell,2021-05,Test Volunteer %d,4\n", i)
		}
		for i := 0; i < bad; i++ {
			fmt.Fprintf(&b, "hanwell,not a month %d,Test Volunteer %d,4\n", i, i)
		}
		return []byte(b.String())
	}
	for _, tc := range []struct {
		name      string
		good, bad int
		limit     int
		refused   bool
	}{
		{"past the limit", 10, 60, 50, true},
		{"mostly faulty", 900, 1100, 10000, true},
		{"small and faulty", 20, 40, 10000, false},
		{"large, a few faulty", 2000, 900, 10000, false},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			e.opt.Limits = DefaultLimits
			e.opt.Limits.MaxQuarantined = tc.limit
			res := e.load(writeFile(t, e.path("volunteering.csv"), csvOf(tc.good, tc.bad)))
			if got := res.Refused != nil && errors.Is(res.Refused, ErrNotThisKind); got != tc.refused {
				t.Fatalf("refused as not a return of its kind: %v (%v), want %v", got, res.Refused, tc.refused)
			}
			loads, quarantined := e.count("SELECT count(*) FROM loads"), e.count("SELECT count(*) FROM quarantine")
			if tc.refused && (loads != 0 || quarantined != 0) {
				t.Errorf("a refused file left %d loads and %d quarantined rows", loads, quarantined)
			}
			if !tc.refused && (res.Loaded != tc.good || res.Quarantined != tc.bad) {
				t.Errorf("loaded %d and quarantined %d, want %d and %d", res.Loaded, res.Quarantined, tc.good, tc.bad)
			}
		})
	}
}
