package analysis

import (
	"math"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/store"
)

// tiny is a hand-made dataset for period 2019 (2019-20):
//
//	area  population  partnership (voting)                          events (resident attendees)
//	aa    1000        m1 lives; m2 lives, councillor;               30 + 20 = 50 -> 50 per 1,000
//	                  m3 works here; m4 volunteers here;
//	                  (m5 lives, observer: no vote)
//	bb    2000        b1 lives; b2 lives, works for the council     40           -> 20 per 1,000
//	cc    (none)      none                                          10           -> no population
//	dd    500         d1 lives; d2 does not                         20           -> 40 per 1,000
//
// Composition (residents as % of voting members):
//
//	      R1 lives   R2 no other hat   R3 lives/works/volunteers
//	aa    2/4 = 50   1/4 = 25          4/4 = 100
//	bb    2/2 = 100  1/2 = 50          2/2 = 100
//	dd    1/2 = 50   1/2 = 50          1/2 = 50
//	cc    missing: no partnership return
//
// Volunteering (hours by volunteers counting as residents, per 1,000):
//
//	aa: m1 5 h (resident), m4 10 h (not resident): R1 5, R2 5, R3 15 per 1,000
//	bb: v9 8 h (resident), b2 4 h (resident, council role): R1 12/2 = 6, R2 8/2 = 4, R3 6
func tiny(t testing.TB, s *store.Store, names map[string]string, pop map[string]any) {
	t.Helper()
	id := func(a string) string {
		if n, ok := names[a]; ok {
			return n
		}
		return a
	}
	p := func(a string, def any) any {
		if v, ok := pop[a]; ok {
			return v
		}
		return def
	}
	db := s.DB
	insert(t, db, "areas",
		row{"area_id": id("dd"), "name": "Dee", "population": p("dd", 500)},
		row{"area_id": id("aa"), "name": "Ay", "population": p("aa", 1000)},
		row{"area_id": id("cc"), "name": "Cee", "population": p("cc", nil)},
		row{"area_id": id("bb"), "name": "Bee", "population": p("bb", 2000)},
	)
	mem := func(area, m string, voting, lives, works, cllr bool, agency string) row {
		return row{"area_id": id(area), "period": 2019, "member": m, "voting": voting, "lives_in_area": lives,
			"works_in_area": works, "councillor": cllr, "agency_role": agency}
	}
	insert(t, db, "partnership",
		mem("dd", "P-d2", true, false, false, false, "none"),
		mem("aa", "P-m1", true, true, false, false, "none"),
		mem("aa", "P-m2", true, true, false, true, "none"),
		mem("aa", "P-m3", true, false, true, false, "none"),
		mem("aa", "P-m4", true, false, false, false, "none"),
		mem("aa", "P-m5", false, true, false, false, "none"),
		mem("bb", "P-b1", true, true, false, false, "none"),
		mem("bb", "P-b2", true, true, false, false, "council"),
		mem("dd", "P-d1", true, true, false, false, "none"),
	)
	ev := func(area string, n int) row {
		return row{"area_id": id(area), "period": 2019, "event_date": "2019-06-01", "event": "fun day", "resident_attendees": n}
	}
	insert(t, db, "events", ev("bb", 40), ev("aa", 30), ev("cc", 10), ev("aa", 20), ev("dd", 20))
	vol := func(area, who string, hours float64, resident bool) row {
		return row{"area_id": id(area), "period": 2019, "month": "2019-05-01", "volunteer": who, "hours": hours, "resident": resident}
	}
	insert(t, db, "volunteering", vol("aa", "P-m1", 5, true), vol("aa", "P-m4", 10, false),
		vol("bb", "P-v9", 8, true), vol("bb", "P-b2", 4, true))
}

func TestDefinitionsByHand(t *testing.T) {
	s := testDB(t)
	tiny(t, s, nil, nil)
	res := score(t, s, builtin(t), ScoreOptions{Draws: 0})
	nan := math.NaN()
	tests := []struct {
		area, def, rd string
		value, base   float64
		reason        string
	}{
		{"aa", "composition", "R1", 50, 4, ""},
		{"aa", "composition", "R2", 25, 4, ""},
		{"aa", "composition", "R3", 100, 4, ""},
		{"bb", "composition", "R1", 100, 2, ""},
		{"bb", "composition", "R2", 50, 2, ""},
		{"bb", "composition", "R3", 100, 2, ""},
		{"dd", "composition", "R2", 50, 2, ""},
		{"cc", "composition", "R1", nan, nan, "no partnership return for this period"},
		{"aa", "turnout", "-", 50, 1000, ""},
		{"bb", "turnout", "-", 20, 2000, ""},
		{"dd", "turnout", "-", 40, 500, ""},
		{"cc", "turnout", "-", nan, nan, "no population for the area: add it with an areas return"},
		{"aa", "volunteering", "R1", 5, 1000, ""},
		{"aa", "volunteering", "R2", 5, 1000, ""},
		{"aa", "volunteering", "R3", 15, 1000, ""},
		{"bb", "volunteering", "R1", 6, 2000, ""},
		{"bb", "volunteering", "R2", 4, 2000, ""},
		{"bb", "volunteering", "R3", 6, 2000, ""},
		{"dd", "volunteering", "R1", nan, 500, "no volunteering recorded for this period"},
		{"aa", "consultation", "-", nan, 1000, "no consultations recorded for this period"},
	}
	for _, tt := range tests {
		r := find(t, res, tt.area, 2019, tt.def, tt.rd)
		if !near(r.Value, tt.value) || !near(r.Base, tt.base) || r.Reason != tt.reason {
			t.Errorf("%s %s %s: value %v base %v reason %q; want %v, %v, %q", tt.area, tt.def, tt.rd, r.Value, r.Base, r.Reason, tt.value, tt.base, tt.reason)
		}
	}
	// The programme rule: fewer than half residents under R2 in aa.
	if r := find(t, res, "aa", 2019, "composition", "R2"); r.Note == "" {
		t.Errorf("aa under R2 has 25%% residents: the note should flag the programme rule")
	}
	if r := find(t, res, "aa", 2019, "composition", "R1"); r.Note != "" {
		t.Errorf("aa under R1 has exactly half: no note expected, got %q", r.Note)
	}
}

func TestNormalisationsByHand(t *testing.T) {
	s := testDB(t)
	tiny(t, s, nil, nil)
	res := score(t, s, builtin(t), ScoreOptions{Draws: 0})
	// Turnout: aa 50, dd 40, bb 20 per 1,000; cc missing.
	// min-max: (x - 20) / 30 * 100: aa 100, dd 66.67, bb 0.
	// mean 110/3 = 36.667; deviations 13.333, 3.333, -16.667; sum of squares
	// 177.78 + 11.11 + 277.78 = 466.67; sample sd sqrt(466.67 / 2) = 15.2753.
	// percentile: above 2, 1, 0 of the 2 others: 100, 50, 0.
	sd := math.Sqrt((math.Pow(50-110.0/3, 2) + math.Pow(40-110.0/3, 2) + math.Pow(20-110.0/3, 2)) / 2)
	tests := []struct {
		area            string
		minmax, z, rank float64
		percentile      float64
	}{
		{"aa", 100, (50 - 110.0/3) / sd, 1, 100},
		{"dd", 200.0 / 3, (40 - 110.0/3) / sd, 2, 50},
		{"bb", 0, (20 - 110.0/3) / sd, 3, 0},
		{"cc", math.NaN(), math.NaN(), math.NaN(), math.NaN()},
	}
	if !near(sd, 15.275252316519467) {
		t.Fatalf("hand sd %v", sd)
	}
	for _, tt := range tests {
		r := find(t, res, tt.area, 2019, "turnout", "-")
		if !near(r.MinMax, tt.minmax) || !near(r.Z, tt.z) || !near(r.Rank, tt.rank) || !near(r.Percentile, tt.percentile) {
			t.Errorf("%s: minmax %v z %v rank %v pct %v; want %v %v %v %v", tt.area, r.MinMax, r.Z, r.Rank, r.Percentile, tt.minmax, tt.z, tt.rank, tt.percentile)
		}
		if r.N != 3 {
			t.Errorf("%s: n_areas %d, want 3", tt.area, r.N)
		}
	}
}

// A return that leaves out what a definition needs gives a missing value with
// a reason, never a 0: members without "lives in area", volunteering totals
// without "resident", projects without "initiated by".
func TestUnknownIsNotZero(t *testing.T) {
	s := testDB(t)
	insert(t, s.DB, "areas", row{"area_id": "ee", "name": "Ee", "population": 500})
	insert(t, s.DB, "partnership",
		row{"area_id": "ee", "period": 2019, "member": "P-e1", "voting": true},
		row{"area_id": "ee", "period": 2019, "member": "P-e2", "voting": true})
	insert(t, s.DB, "volunteering", row{"area_id": "ee", "period": 2019, "month": "2019-05-01", "hours": 20, "volunteers": 5})
	insert(t, s.DB, "projects", row{"area_id": "ee", "period": 2019, "project": "Garden", "started": "2019-05-01"})
	res := score(t, s, builtin(t), ScoreOptions{})
	tests := []struct {
		def, rd string
		value   float64
		reason  string
	}{
		{"composition", "R1", math.NaN(), "the partnership return does not say who lives in the area"},
		{"composition", "R3", math.NaN(), "the partnership return does not say who lives in the area"},
		{"volunteering", "R1", math.NaN(), "the volunteering return does not say which volunteers live in the area (needed under R1 and R2)"},
		{"volunteering", "R2", math.NaN(), "the volunteering return does not say which volunteers live in the area (needed under R1 and R2)"},
		{"volunteering", "R3", 40, ""}, // every volunteer counts under R3: 20 hours per 500 people
		{"new_projects", "-", math.NaN(), "the projects return does not say who started the projects"},
	}
	for _, tt := range tests {
		r := find(t, res, "ee", 2019, tt.def, tt.rd)
		if !near(r.Value, tt.value) || r.Reason != tt.reason {
			t.Errorf("%s %s: %v %q; want %v %q", tt.def, tt.rd, r.Value, r.Reason, tt.value, tt.reason)
		}
	}
	if r := find(t, res, "ee", 2019, "volunteering", "R3"); r.Note != "5 distinct volunteers counted as residents" {
		t.Errorf("volunteering R3 note %q", r.Note)
	}
}
