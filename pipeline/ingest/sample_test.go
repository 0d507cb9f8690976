package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"sort"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/sample"
)

// TestSampleFaults: ingesting a generated sample quarantines exactly the
// faults it planted, at their positions; every area and kind is present, and
// rows in files = loaded + quarantined + blank rows skipped.
func TestSampleFaults(t *testing.T) {
	for _, o := range []sample.Options{{}, {Areas: 20, Scale: 2, Seed: 7}} {
		t.Run(fmt.Sprintf("areas%d-seed%d", o.Areas, o.Seed), func(t *testing.T) {
			e := newEnv(t)
			dir := e.path("returns")
			sum, err := sample.Write(dir, o)
			if err != nil {
				t.Fatal(err)
			}
			files, _ := Expand([]string{dir})
			var rows, loaded, quarantined, blank int
			var got []string
			for _, f := range files {
				r := e.load(f)
				if r.Refused != nil {
					t.Fatalf("%s refused: %v", f, r.Refused)
				}
				if len(r.Supersedes) > 0 {
					t.Errorf("%s superseded loads %v: the sample must not overlap itself", f, r.Supersedes)
				}
				rows, loaded, quarantined, blank = rows+r.Rows, loaded+r.Loaded, quarantined+r.Quarantined, blank+r.Blank
				for _, p := range r.Problems {
					got = append(got, fmt.Sprintf("%s:%s!%s%d %s", p.File, p.Sheet, p.Col, p.Line, TypeOf(p)))
				}
			}
			var want []string
			written, blanks := 0, 0
			for _, n := range sum.Rows {
				written += n
			}
			for _, f := range sum.Faults {
				switch f.Kind {
				case "blank-row":
					blanks++
				case "header-alias":
				default:
					want = append(want, fmt.Sprintf("%s:%s!%s%d %s", f.File, f.Sheet, f.Column, f.Row, f.Kind))
				}
			}
			sort.Strings(got)
			sort.Strings(want)
			if fmt.Sprint(got) != fmt.Sprint(want) {
				t.Errorf("quarantined:\n%v\nplanted:\n%v", got, want)
			}
			if rows != loaded+quarantined+blank || rows != written+blanks || blank != blanks {
				t.Errorf("rows %d (written %d + %d blank) != loaded %d + quarantined %d + blank %d", rows, written, blanks, loaded, quarantined, blank)
			}
			areas := o.Areas
			if areas == 0 {
				areas = 15
			}
			if n := e.count("SELECT count(DISTINCT area_id) FROM events"); n != areas {
				t.Errorf("areas with events = %d, want %d", n, areas)
			}
			if n := e.count("SELECT count(DISTINCT kind) FROM load_parts"); n != 13 {
				t.Errorf("kinds loaded = %d, want all 13", n)
			}
		})
	}
}

// TestCommittedSample: data/sample, as committed, loads with only its planted faults.
func TestCommittedSample(t *testing.T) {
	dir := filepath.Join("..", "..", "data", "sample")
	if _, err := os.Stat(dir); err != nil {
		t.Fatal("data/sample is missing:", err)
	}
	e := newEnv(t)
	files, _ := Expand([]string{dir})
	q := 0
	for _, f := range files {
		r := e.load(f)
		if r.Refused != nil {
			t.Fatalf("%s refused: %v", f, r.Refused)
		}
		q += r.Quarantined
	}
	if q != 8 {
		t.Errorf("quarantined %d rows, want the 8 planted faults", q)
	}
	if n := e.count("SELECT count(*) FROM areas WHERE synthetic AND population > 0"); n != 15 {
		t.Errorf("synthetic areas with a population = %d, want 15", n)
	}
	// No person's name anywhere: the names of sample people, in any text column.
	first, last := sample.NameParts()
	re := regexp.MustCompile(`(?i)\b(` + strings.Join(first, "|") + `)\s+(` + strings.Join(last, "|") + `)\b`)
	cols := textColumns(t, e, true)
	for _, c := range cols {
		vals, err := e.st.DB.Query(fmt.Sprintf("SELECT DISTINCT %s FROM %s WHERE %s IS NOT NULL", c[1], c[0], c[1]))
		if err != nil {
			t.Fatal(err)
		}
		for vals.Next() {
			var v string
			vals.Scan(&v)
			if m := re.FindString(v); m != "" {
				t.Errorf("%s.%s holds the name %q: %q", c[0], c[1], m, v)
			}
		}
		vals.Close()
	}
}
