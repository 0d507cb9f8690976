package ingest

import (
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/position"
)

// problemAt finds the quarantined fault at a cell ("Events!E3").
func problemAt(r *Result, place string) *position.Error {
	for _, p := range r.Problems {
		if p.Place() == place {
			return p
		}
	}
	return nil
}

// Hours written with a decimal comma in a comma-separated CSV, a continental
// amount and approximations are quarantined with the fix, never read as
// something else; a semicolon CSV reads them as decimals.
func TestNumbersNeverMisread(t *testing.T) {
	e := newEnv(t)
	csv := "area,month,volunteer,hours\n" +
		"hanwell,May 2021,Ann Example,\"2,5\"\n" +
		"hanwell,May 2021,Bob Example,\"1,75\"\n" +
		"hanwell,May 2021,Cy Example,about 4\n" +
		"hanwell,May 2021,,\"1,250\"\n" +
		"hanwell,May 2021,Ed Example,40+\n"
	r := e.load(writeFile(t, e.path("hours.csv"), []byte(csv)))
	if r.Refused != nil || r.Loaded != 1 || r.Quarantined != 4 {
		t.Fatalf("loaded %d, quarantined %d, refused %v; want 1 and 4: %v", r.Loaded, r.Quarantined, r.Refused, r.Problems)
	}
	if n := e.count("SELECT sum(hours)::INT FROM volunteering"); n != 1250 {
		t.Errorf("hours = %d, want only 1,250 (a thousands separator) loaded", n)
	}
	for place, want := range map[string]string{
		"hours!D2": "write 2.5 if it is a decimal, or 25 if not",
		"hours!D3": "write 1.75 if it is a decimal, or 175 if not",
		"hours!D4": "approximation",
		"hours!D6": "approximation",
	} {
		if p := problemAt(r, place); p == nil || TypeOf(p) != TypeError || !strings.Contains(p.Error(), want) {
			t.Errorf("%s: %v; want a type-error saying %q", place, p, want)
		}
	}
	r = e.load(writeFile(t, e.path("grants.csv"), []byte("area;date;recipient;amount\nhanwell;01/05/2021;Tenants Group;1.200,50\nhanwell;02/05/2021;Play Club;£350\n")))
	if r.Refused != nil || r.Loaded != 2 {
		t.Fatalf("semicolon CSV: %+v %v", r, r.Problems)
	}
	if n := e.count("SELECT (sum(amount)*100)::INT FROM grants"); n != 155050 {
		t.Errorf("grants = %d pence, want 155050 (1.200,50 read as 1200.50 in a semicolon file, and £350)", n)
	}
	r = e.load(writeFile(t, e.path("grants2.csv"), []byte("area,date,recipient,amount\nhanwell,03/05/2021,Garden Club,\"1.200,50\"\n")))
	if p := problemAt(r, "grants2!D2"); p == nil || !strings.Contains(p.Error(), "write 1200.50") {
		t.Errorf("1.200,50 in a comma CSV: %v; want it quarantined with the fix", r.Problems)
	}
}

// A part cannot exceed its whole; a volunteer cannot give more hours than
// the month has; a date outside the return's year is questioned.
func TestConstraintsAcrossCells(t *testing.T) {
	e := newEnv(t)
	p := writeXLSX(t, e.path("hanwell.xlsx"),
		sheetData{"Return", [][]any{{"area", "hanwell"}, {"period", "2021-22"}}},
		sheetData{"Events", [][]any{
			{"Date", "Event", "Attendees", "Resident attendees", "New attendees"},
			{"01/05/2021", "Fair", 10, 45, 2},
			{"02/05/2021", "Walk", 10, 8, 12},
			{"03/05/2021", "Quiz", 10, 10, 10},
			{"04/05/2019", "Old fair", 10, 5, 1},
		}},
		sheetData{"Volunteering", [][]any{
			{"Month", "Volunteer", "Hours", "Volunteers"},
			{"May 2021", "Ann Example", 900, nil},
			{"Feb 2022", "Bob Example", 700, nil},
			{"May 2021", nil, 900, 3},
			{"Jun 2021", "Cy Example", 720, nil},
		}},
	)
	r := e.load(p)
	if r.Refused != nil {
		t.Fatal(r.Refused)
	}
	want := map[string]string{
		"Events!D2":       "45 resident attendees is more than the 10 attendees in C2",
		"Events!E3":       "12 new attendees is more than the 10 attendees in C3",
		"Events!A5":       "04/05/2019 is not in the reporting year 2021-22",
		"Volunteering!C2": "900 hours for one volunteer in May 2021 is more than the month has (744 hours)",
		"Volunteering!C3": "700 hours for one volunteer in February 2022 is more than the month has (672 hours)",
	}
	for place, msg := range want {
		if p := problemAt(r, place); p == nil || TypeOf(p) != ConstraintError || !strings.Contains(p.Error(), msg) {
			t.Errorf("%s: %v; want a constraint error saying %q", place, p, msg)
		}
	}
	if r.Quarantined != len(want) || r.Loaded != 3 {
		t.Errorf("quarantined %d, loaded %d; want %d and 3: %v", r.Quarantined, r.Loaded, len(want), r.Problems)
	}
}

// An agency-role column answered yes/no: no and 0 are none, yes and 1 an
// unspecified role that counts as another hat.
func TestAgencyRoleYesNo(t *testing.T) {
	e := newEnv(t)
	p := writeXLSX(t, e.path("roster.xlsx"),
		sheetData{"Partnership", [][]any{
			{"Area", "Period", "Name", "Agency role"},
			{"hanwell", "2021-22", "Ann Example", "yes"},
			{"hanwell", "2021-22", "Bob Example", "no"},
			{"hanwell", "2021-22", "Cy Example", 1},
			{"hanwell", "2021-22", "Di Example", 0},
			{"hanwell", "2021-22", "Ed Example", nil},
			{"hanwell", "2021-22", "Flo Example", "council"},
			{"hanwell", "2021-22", "Gus Example", "the vicar"},
		}})
	r := e.load(p)
	if r.Refused != nil || r.Loaded != 6 || r.Quarantined != 1 {
		t.Fatalf("loaded %d, quarantined %d: %v", r.Loaded, r.Quarantined, r.Problems)
	}
	got := e.count("SELECT count(*) FILTER (WHERE agency_role='unspecified')*100 + count(*) FILTER (WHERE agency_role='none')*10 + count(*) FILTER (WHERE agency_role IS NULL) FROM partnership")
	if got != 221 {
		t.Errorf("unspecified/none/blank = %d, want 2, 2 and 1 (221)", got)
	}
}
