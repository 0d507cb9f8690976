package ingest

import (
	"errors"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/position"
)

func TestEventsWorkbookWithFaults(t *testing.T) {
	e := newEnv(t)
	p := writeXLSX(t, e.path("events.xlsx"), sheetData{"Events", [][]any{
		{"Area", "Date of event", "Event", "No. of attendees", "Residents attending"},
		{"birchfield", "03/04/2021", "Fun day", "120", "100"},    // row 2
		{"Birchfield", 44289, "Coffee morning", "1,234", " 12 "}, // row 3: serial date
		{nil, nil, nil, nil, nil},                                // row 4: blank
		{"Birchfeild", "2021-04-05", "Litter pick", 12, 10},      // row 5: typo'd area
		{"hanwell", "3 Apr 2021", "Quiz", "twelve", "n/a"},       // row 6: not a number
		{"hanwell", "04/23/2021", "Walk", 5, 5},                  // row 7: US date
		{"hanwell", "2021-05-01", "Walk", -5, 5},                 // row 8: negative
		{"hanwell", "2021-05-02", nil, 5, 5},                     // row 9: missing event
		{"hanwell", "2021-05-03", "Gala", "#REF!", 5},            // row 10: excel error
		{"Birchfield", 44289, "Coffee morning", "1,234", " 12 "}, // row 11: duplicate of 3
	}})
	r := e.load(p)
	if r.Refused != nil {
		t.Fatal(r.Refused)
	}
	if r.Rows != 10 || r.Blank != 1 || r.Loaded != 2 || r.Quarantined != 7 {
		t.Fatalf("rows %d blank %d loaded %d quarantined %d; want 10 1 2 7", r.Rows, r.Blank, r.Loaded, r.Quarantined)
	}
	want := []struct {
		pos string
		typ ErrorType
		msg string
	}{
		{"Events!A5", UnknownArea, "did you mean Birchfield (birchfield)"},
		{"Events!D6", TypeError, `"twelve" is not a number`},
		{"Events!B7", TypeError, "US month-first"},
		{"Events!D8", ConstraintError, "negative"},
		{"Events!C9", MissingCell, "event is required"},
		{"Events!D10", ExcelError, "#REF!"},
		{"Events!11", DuplicateRow, "repeats row 3"},
	}
	if len(r.Problems) != len(want) {
		t.Fatalf("problems: %v", r.Problems)
	}
	for i, w := range want {
		p := r.Problems[i]
		if !strings.Contains(p.Error(), "events.xlsx:"+w.pos+":") || TypeOf(p) != w.typ || !strings.Contains(p.Error(), w.msg) {
			t.Errorf("problem %d = %s %v; want %s %s containing %q", i, TypeOf(p), p, w.pos, w.typ, w.msg)
		}
	}
	var attendees, residents int
	if err := e.st.DB.QueryRow("SELECT sum(attendees), sum(resident_attendees) FROM events").Scan(&attendees, &residents); err != nil {
		t.Fatal(err)
	}
	if attendees != 1354 || residents != 112 {
		t.Errorf("attendees %d residents %d; want 1354 112", attendees, residents)
	}
	if n := e.count("SELECT count(*) FROM events WHERE period = 2021 AND event_date = DATE '2021-04-03'"); n != 2 {
		t.Errorf("rows dated 3 Apr 2021 in period 2021 = %d, want 2 (UK date and Excel serial)", n)
	}
	if n := e.count("SELECT count(DISTINCT row) FROM quarantine"); n != 7 {
		t.Errorf("quarantine rows = %d, want 7", n)
	}
	var errs []error
	for _, p := range r.Problems {
		errs = append(errs, p)
	}
	var re *position.Error
	if !errors.As(errs[0], &re) || re.Line != 5 || re.Col != "A" || !errors.Is(errs[0], TypeOf(errs[0])) {
		t.Errorf("problem's position: %+v", re)
	}
}
