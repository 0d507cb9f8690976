package sample

import (
	"fmt"
	"math/rand/v2"
	"strings"
	"time"

	"github.com/ourbiggerstory/obs/schemas"
)

// Layout: which file and sheet each area's rows go to, as areas really send
// them. Every (kind, area, period) is written in exactly one file, so nothing
// in the default set supersedes anything else.

type file struct {
	name   string
	csv    bool
	bom    bool
	sheets []*sheet
}

type sheet struct {
	name         string
	kind         *schemas.Kind // nil for the Return and About sheets
	header       []string      // nil for key/value sheets
	cols         []string      // canonical names, "area" and "period" included
	rows         []*row
	headerFaults []Fault
	parts        []string // kind/area/year of every return the sheet holds
}

type row struct {
	cells     []any // nil for a blank row
	fault     *Fault
	protected bool // keep as is (the first of a planted duplicate)
}

// csvAreas says which areas send which kind as a CSV file of their own, and
// whether that file starts with a byte order mark.
var csvAreas = []struct {
	kind, area string
	bom        bool
}{
	{"volunteering", "catton-grove", true},
	{"volunteering", "three-parishes", false},
	{"social_media", "radstock-westfield", true},
	{"interview_codes", "bountagu", false},
}

func isCSV(kind, area string) (bool, bool) {
	for _, c := range csvAreas {
		if c.kind == kind && c.area == area {
			return true, c.bom
		}
	}
	return false, false
}

func plan(w *world, o Options) []*file {
	files := []*file{areasFile(w)}
	// One workbook per year for the areas that send them so.
	for _, a := range w.areas {
		if a.p.Shape != "workbook" {
			continue
		}
		for _, yd := range a.years {
			f := &file{name: fmt.Sprintf("%s-%s.xlsx", a.p.ID, schemas.Period(yd.year).String())}
			f.sheets = append(f.sheets, returnSheet(w, a, yd))
			for _, k := range schemas.Kinds()[1:] {
				if rows := yd.rows[k.Name]; len(rows) > 0 {
					f.sheets = append(f.sheets, kindSheet(w, f.name, k, []*areaData{a}, []*yearData{yd}, false))
				}
			}
			files = append(files, f)
		}
	}
	// One workbook per kind for the other areas, a few kinds as CSV.
	for _, k := range schemas.Kinds()[1:] {
		var shared []*areaData
		for _, a := range w.areas {
			if a.p.Shape == "workbook" {
				continue
			}
			if csv, bom := isCSV(k.Name, a.p.ID); csv {
				f := &file{name: fmt.Sprintf("%s-%s.csv", k.Name, a.p.ID), csv: true, bom: bom}
				f.sheets = []*sheet{kindSheet(w, f.name, k, []*areaData{a}, a.years, true)}
				files = append(files, f)
				continue
			}
			shared = append(shared, a)
		}
		if len(shared) > 0 {
			f := &file{name: k.Name + "-all-areas.xlsx"}
			f.sheets = []*sheet{kindSheet(w, f.name, k, shared, nil, true)}
			files = append(files, f)
		}
	}
	plantFaults(w, files)
	for _, f := range files {
		if !f.csv {
			f.sheets = append(f.sheets, &sheet{name: "About", rows: []*row{{cells: []any{Marker}},
				{cells: []any{fmt.Sprintf("Seed %d, scale %d: every figure, name and date here is made up.", o.Seed, o.Scale)}}}})
		}
	}
	return files
}

func areasFile(w *world) *file {
	k := schemas.AreasKind
	r := rng(w.o.Seed, "layout", "areas")
	s := &sheet{name: "Areas", kind: k}
	for _, c := range k.Columns {
		s.cols = append(s.cols, c.Name)
		s.header = append(s.header, headerFor(r, k, c.Name))
	}
	st := newStyle(r, false)
	st.yesNo = 0
	for _, a := range w.areas {
		p := a.p
		vals := rec{"area_id": p.ID, "name": p.Name, "local_authority": p.LocalAuthority, "region": p.Region,
			"population": p.Population, "households": p.Households, "synthetic": true}
		s.rows = append(s.rows, &row{cells: renderRow(st, r, k, s.cols, vals)})
	}
	return &file{name: "areas.xlsx", sheets: []*sheet{s}}
}

func renderRow(st style, r *rand.Rand, k *schemas.Kind, cols []string, vals rec) []any {
	cells := make([]any, len(cols))
	for i, c := range cols {
		if col := k.Column(c); col != nil {
			cells[i] = st.cell(r, col, vals[c])
		}
	}
	return cells
}

// returnSheet is the key/value sheet that gives a one-area workbook its area and period.
func returnSheet(w *world, a *areaData, yd *yearData) *sheet {
	r := rng(w.o.Seed, "layout", a.p.ID, yd.year, "return")
	st := newStyle(r, false)
	areaVal := a.p.Name
	if r.IntN(2) == 0 {
		areaVal = a.p.ID
	}
	submitted := day{time.Date(yd.year+1, 4, 20+r.IntN(10), 0, 0, 0, 0, time.UTC)}
	return &sheet{name: "Return", rows: []*row{
		{cells: []any{"Area", areaVal}},
		{cells: []any{"Period", schemas.Period(yd.year).String()}},
		{cells: []any{"Submitted by", "Big Local worker"}},
		{cells: []any{"Submitted on", st.dateCell(st.date, submitted)}},
		{cells: []any{"Notes", Marker}},
	}}
}

// kindSheet holds the rows of kind k for the given areas over the given
// years (every year when years is nil), with an area column when withArea.
func kindSheet(w *world, fileName string, k *schemas.Kind, areas []*areaData, years []*yearData, withArea bool) *sheet {
	r := rng(w.o.Seed, "layout", fileName, k.Name)
	name := capitalise(k.Sheets[r.IntN(len(k.Sheets))])
	if name == "Lto" {
		name = "LTO"
	}
	if fileName == "events-all-areas.xlsx" {
		name = "Events"
	}
	s := &sheet{name: name, kind: k}
	defer func() {
		for _, a := range areas {
			for _, yd := range a.years {
				if (years == nil || contains(years, yd)) && len(yd.rows[k.Name]) > 0 {
					s.parts = append(s.parts, fmt.Sprintf("%s/%s/%d", k.Name, a.p.ID, yd.year))
				}
			}
		}
	}()
	if withArea {
		s.cols = append(s.cols, "area")
		if k.HasPeriod {
			s.cols = append(s.cols, "period")
		}
	}
	for _, c := range k.Columns {
		if c.Name == "segment_ref" && !strings.HasSuffix(fileName, ".csv") {
			continue
		}
		s.cols = append(s.cols, c.Name)
	}
	for _, c := range s.cols {
		s.header = append(s.header, headerFor(r, k, c))
	}
	if fileName == "events-all-areas.xlsx" {
		s.header[s.col("event_date")] = "Date of event"
	}
	st := newStyle(r, strings.HasSuffix(fileName, ".csv"))
	for _, a := range areas {
		ys := years
		if ys == nil {
			ys = a.years
		}
		for _, yd := range ys {
			for i, v := range yd.rows[k.Name] {
				cells := renderRow(st, r, k, s.cols, v)
				for j, c := range s.cols {
					switch c {
					case "area":
						cells[j] = st.areaCell(r, a.p)
					case "period":
						cells[j] = st.cell(r, &schemas.Column{Type: schemas.ReportingYear}, period(yd.year))
					case "segment_ref":
						cells[j] = fmt.Sprintf("%d-%d", 120*i+1, 120*i+40+len(v["excerpt"].(string)))
					}
				}
				s.rows = append(s.rows, &row{cells: cells})
			}
		}
	}
	return s
}

func contains[T comparable](xs []T, x T) bool {
	for _, y := range xs {
		if y == x {
			return true
		}
	}
	return false
}
