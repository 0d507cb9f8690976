package sample

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/ourbiggerstory/obs/schemas"
)

// Planted faults: one of each thing the ingester must catch, at positions
// chosen by the seed and recorded exactly. Their number does not depend on
// Scale. Each fault prefers a file of the default set and falls back to any
// workbook holding the kind, so smaller samples carry them too where they can.

func plantFaults(w *world, files []*file) {
	r := rng(w.o.Seed, "faults")
	year2 := schemas.Period(w.o.FirstYear + min(1, w.o.Years-1)).String()
	year3 := schemas.Period(w.o.FirstYear + min(2, w.o.Years-1)).String()

	if s := findSheet(files, "events-all-areas.xlsx", "events"); s != nil {
		c := s.col("attendees")
		s.header[c] = "No. of attendees"
		s.headerFaults = append(s.headerFaults, Fault{Column: colLetter(c), Kind: "header-alias",
			What: `header "No. of attendees" is an alias of attendees`})
		setCell(s, r, nil, "attendees", "twelve", "type-error", `"twelve" is not a number (column attendees)`)
		plantUnknownArea(w, s, r)
	}
	if s := findSheet(files, "volunteering-all-areas.xlsx", "volunteering"); s != nil {
		setCell(s, r, func(x *row) bool { return x.cells[s.col("hours")] != nil }, "hours", xlErr("#REF!"),
			"excel-error", "the hours cell shows the spreadsheet error #REF!")
	}
	if s := findSheet(files, "grants-all-areas.xlsx", "grants"); s != nil {
		setCell(s, r, nil, "amount", xlErr("#DIV/0!"), "excel-error", "the amount cell shows the spreadsheet error #DIV/0!")
		c := s.col("award_date")
		if i := pickRow(s, r, func(x *row) bool { d, ok := dateOf(x.cells[c]); return ok && d.Month() >= time.April }); i >= 0 {
			d, _ := dateOf(s.rows[i].cells[c])
			us := fmt.Sprintf("%02d/%02d/%d", int(d.Month()), 13+r.IntN(16), d.Year())
			s.rows[i].cells[c] = us
			s.rows[i].fault = &Fault{Column: colLetter(c), Kind: "type-error", What: fmt.Sprintf("%q is a US month-first date (column award_date)", us)}
		}
	}
	if s := findSheet(files, "social_media-all-areas.xlsx", "social_media"); s != nil {
		n := -(5 + r.IntN(200))
		setCell(s, r, nil, "followers", n, "constraint-error", fmt.Sprintf("%d is negative; a count cannot be below 0 (column followers)", n))
	}
	if s := findSheet(files, "hanwell-"+year2+".xlsx", "events"); s != nil {
		setCell(s, r, nil, "event", nil, "missing-cell", "the required event name is empty")
	}
	if s := findSheet(files, "decisions-all-areas.xlsx", "decisions"); s != nil {
		if i := pickRow(s, r, nil); i >= 0 {
			blank := &row{fault: &Fault{Kind: "blank-row", What: "a blank row in the middle of the sheet; the rows below it still count"}}
			s.rows = append(s.rows[:i], append([]*row{blank}, s.rows[i:]...)...)
		}
	}
	if s := findSheet(files, "westfield-"+year3+".xlsx", "decisions"); s != nil {
		if i := pickRow(s, r, nil); i >= 0 {
			s.rows[i].protected = true
			dup := &row{cells: append([]any{}, s.rows[i].cells...),
				fault: &Fault{Kind: "duplicate-row", What: "an exact copy of the row above"}}
			s.rows = append(s.rows[:i+1], append([]*row{dup}, s.rows[i+1:]...)...)
		}
	}
}

// plantUnknownArea misspells an area's name in the area column (Birchfield as Birchfeild).
func plantUnknownArea(w *world, s *sheet, r *rand.Rand) {
	c := s.col("area")
	if c < 0 {
		return
	}
	var target *AreaProfile
	for _, a := range w.areas {
		if a.p.ID == "birchfield" || target == nil && strings.Contains(a.p.Name, "ie") {
			target = &a.p
		}
	}
	if target == nil {
		target = &w.areas[0].p
	}
	typo := strings.Replace(target.Name, "ie", "ei", 1)
	if typo == target.Name {
		b := []byte(target.Name)
		b[1], b[2] = b[2], b[1]
		typo = string(b)
	}
	setCell(s, r, func(x *row) bool {
		v, _ := x.cells[c].(string)
		return strings.EqualFold(v, target.ID) || strings.EqualFold(v, target.Name)
	}, "area", typo, "unknown-area", fmt.Sprintf("%q is not a known area (did you mean %s?)", typo, target.Name))
}

// findSheet gives the sheet of kind in the named file, else the first
// workbook sheet of that kind with rows enough to hide a fault in.
func findSheet(files []*file, name, kind string) *sheet {
	var fallback *sheet
	for _, f := range files {
		if f.csv {
			continue
		}
		for _, s := range f.sheets {
			if s.kind == nil || s.kind.Name != kind || len(s.rows) < 4 {
				continue
			}
			if f.name == name {
				return s
			}
			if fallback == nil {
				fallback = s
			}
		}
	}
	return fallback
}

func (s *sheet) col(name string) int {
	for i, c := range s.cols {
		if c == name {
			return i
		}
	}
	return -1
}

// pickRow chooses a data row away from the sheet's edges that holds no fault.
func pickRow(s *sheet, r *rand.Rand, ok func(*row) bool) int {
	var can []int
	for i := 1; i < len(s.rows)-1; i++ {
		x := s.rows[i]
		if x.cells != nil && x.fault == nil && !x.protected && (ok == nil || ok(x)) {
			can = append(can, i)
		}
	}
	if len(can) == 0 {
		return -1
	}
	return can[r.IntN(len(can))]
}

func setCell(s *sheet, r *rand.Rand, ok func(*row) bool, col string, v any, kind, what string) {
	c := s.col(col)
	if c < 0 {
		return
	}
	if i := pickRow(s, r, ok); i >= 0 {
		s.rows[i].cells[c] = v
		s.rows[i].fault = &Fault{Column: colLetter(c), Kind: kind, What: what}
	}
}

// dateOf reads back a rendered date cell.
func dateOf(v any) (time.Time, bool) {
	switch v := v.(type) {
	case xlDate:
		return v.day.Time, true
	case string:
		for _, layout := range []string{"2006-01-02", "02/01/2006", "2 Jan 2006"} {
			if d, err := time.Parse(layout, v); err == nil {
				return d, true
			}
		}
	}
	return time.Time{}, false
}
