package web

import (
	"errors"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/ingest"
	"github.com/ourbiggerstory/obs/pipeline/position"
)

// The returns page shows, under a loaded file, each header obs did not
// recognise and each warning, as the command line does.
func TestUploadResultNotes(t *testing.T) {
	res := &ingest.Result{File: "events.xlsx", Loaded: 1,
		Unrecognised: []*position.Error{{File: "events.xlsx", Sheet: "Events", Line: 1, Col: "G", Kind: ingest.ErrUnknownColumn,
			Err: errors.New("column 'Footfall' was not recognised; did you mean attendees? It was not loaded")}},
		Warnings: []string{"WARNING: events.xlsx, sheet Events: no events column beyond the required ones holds a value"}}
	got := strings.Join(uploadResult(res).Notes, "\n")
	want := "Events!G1: column 'Footfall' was not recognised; did you mean attendees? It was not loaded\n" +
		"WARNING: events.xlsx, sheet Events: no events column beyond the required ones holds a value"
	if got != want {
		t.Errorf("notes\n%s\nwant\n%s", got, want)
	}
}
