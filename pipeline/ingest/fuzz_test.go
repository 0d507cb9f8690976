package ingest

import (
	"os"
	"testing"
)

// FuzzIngestFile feeds arbitrary bytes to a whole load, as an .xlsx and as a
// .csv: every outcome is a load or a clear refusal, never a panic, a hang or
// a database error, and a refused file leaves nothing behind.
func FuzzIngestFile(f *testing.F) {
	e := newEnv(f)
	good := writeXLSX(f, e.path("seed.xlsx"), sheetData{"Events", [][]any{
		{"area", "date", "event", "attendees"},
		{"hanwell", "2021-05-01", "Fair", 40},
		{"Birchfeild", "04/23/2021", "", "twelve"},
	}})
	data, _ := os.ReadFile(good)
	f.Add(data, false)
	f.Add([]byte("area,month,hours\nhanwell,May 2021,3\nhanwell,,x\n"), true)
	f.Add([]byte("PK\x03\x04garbage"), false)
	f.Fuzz(func(t *testing.T, data []byte, csv bool) {
		e := &env{t: t, dir: e.dir, st: e.st, opt: e.opt}
		name := "f.xlsx"
		if csv {
			name = "f.csv"
		}
		p := writeFile(t, e.path(name), data)
		before := e.count("SELECT count(*) FROM loads")
		r := e.load(p) // e.load fails the test on a database error
		after := e.count("SELECT count(*) FROM loads")
		switch {
		case r.AlreadyLoaded:
			if after != before {
				t.Fatal("a re-load changed the loads")
			}
		case r.Refused != nil:
			if after != before {
				t.Fatalf("refused (%v) but a load was recorded", r.Refused)
			}
		default:
			if after != before+1 || r.Rows != r.Loaded+r.Quarantined+r.Blank {
				t.Fatalf("rows %d != %d + %d + %d", r.Rows, r.Loaded, r.Quarantined, r.Blank)
			}
		}
	})
}
