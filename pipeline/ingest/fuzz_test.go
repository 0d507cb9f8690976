package ingest

import (
	"os"
	"strings"
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

// FuzzHeaderReader feeds arbitrary header rows, one or two deep, to the
// header reader: no panic; a two-row header keeps every sub-header, under
// its group; a header is found only in the rows given.
func FuzzHeaderReader(f *testing.F) {
	f.Add("Area|Date|Event|Attendance||", "|||Total|Residents|New", "hanwell|01/05/2021|Fair|40|30|5")
	f.Add("Date|Attendance (people)|Footfall", "01/05/2021|40|300", "")
	f.Add("Month|Hours [h:mm]", "||", "May 2021|2:30")
	f.Fuzz(func(t *testing.T, top, sub, data string) {
		rows := [][]string{strings.Split(top, "|"), strings.Split(sub, "|"), strings.Split(data, "|")}
		if two, _ := twoRowHeader(rows[0], rows[1]); two != nil {
			if len(two) != max(len(rows[0]), len(rows[1])) {
				t.Fatalf("twoRowHeader gave %d headers for rows of %d and %d", len(two), len(rows[0]), len(rows[1]))
			}
			for i, s := range rows[1] {
				if s = strings.TrimSpace(s); s != "" && !strings.HasSuffix(two[i], s) {
					t.Fatalf("sub-header %q lost: %q", s, two[i])
				}
			}
		}
		for _, name := range []string{"Events", "Sheet1"} {
			m := detect(name, rows, &returnSheet{area: "hanwell", period: "2021"})
			if m == nil {
				continue
			}
			if m.headerRow < 0 || m.headerRow > 2 || len(m.cols) != len(m.headers) {
				t.Fatalf("header row %d, %d columns for %d headers", m.headerRow, len(m.cols), len(m.headers))
			}
			unrecognised("f.xlsx", name, m)
			m.see(rows[2])
			emptyWarning("f.xlsx", name, m)
		}
	})
}
