package position

import (
	"errors"
	"testing"
)

func TestError(t *testing.T) {
	notNumber := errors.New(`"twelve" is not a number; write the count in figures`)
	tests := []struct {
		e            Error
		where, error string
	}{
		{Error{File: "events.xlsx", Sheet: "Events", Line: 14, Col: "D", Column: "attendees", Err: notNumber},
			"events.xlsx:Events!D14", `events.xlsx:Events!D14: "twelve" is not a number (column attendees); write the count in figures`},
		{Error{File: "events.xlsx", Sheet: "Events", Line: 11, Err: errors.New("repeats row 3")},
			"events.xlsx:Events!11", "events.xlsx:Events!11: repeats row 3"},
		{Error{File: "p.qdpx", Sheet: "project.qde", Err: errors.New("bad")}, "p.qdpx:project.qde", "p.qdpx:project.qde: bad"},
		{Error{File: "rubric.csv", Line: 7, Column: "model", Err: errors.New("unknown model")},
			"rubric.csv:7", "rubric.csv:7: unknown model (column model)"},
		{Error{File: "events.xlsx", Err: errors.New("refused: empty")}, "events.xlsx", "events.xlsx: refused: empty"},
		{Error{Err: errors.New("no file")}, "", "no file"},
	}
	for _, tt := range tests {
		if got := tt.e.Where(); got != tt.where {
			t.Errorf("Where() = %q, want %q", got, tt.where)
		}
		if got := tt.e.Error(); got != tt.error {
			t.Errorf("Error() = %q, want %q", got, tt.error)
		}
		if w, m := tt.e.Where(), tt.e.Message(); w != "" && w+": "+m != tt.error || w == "" && m != tt.error {
			t.Errorf("Where() %q and Message() %q do not make Error() %q", w, m, tt.error)
		}
	}
}

func TestUnwrap(t *testing.T) {
	kind, cause := errors.New("bad rubric"), errors.New("parse error")
	var err error = &Error{File: "rubric.csv", Line: 2, Kind: kind, Err: cause}
	if !errors.Is(err, kind) || !errors.Is(err, cause) {
		t.Errorf("%v does not match its kind and cause", err)
	}
	var pe *Error
	if !errors.As(err, &pe) || pe.Line != 2 {
		t.Errorf("errors.As: %+v", pe)
	}
	if errors.Is(&Error{File: "x"}, kind) {
		t.Error("an error without a kind matches one")
	}
}
