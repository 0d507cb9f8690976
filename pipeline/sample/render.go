package sample

import (
	"fmt"
	"math/rand/v2"
	"strconv"
	"strings"
	"unicode"

	"github.com/ourbiggerstory/obs/schemas"
)

// Rendering: how a typed value is written into a cell, the way people fill
// returns in. Each sheet has a style (its usual date form, yes/no form...)
// and a few cells stray from it.

// Cells of a rendered row: nil (empty), string, int, float64, bool, xlDate
// or xlErr.
type (
	xlDate struct {
		day    day
		format string // Excel number format
	}
	xlErr string // an Excel error value (#REF!)
)

type style struct {
	csv      bool
	date     int // 0 Excel date, 1 ISO, 2 UK 03/04/2021, 3 "3 Apr 2021"
	month    int // 0 Excel date, 1 "Apr 2021", 2 "2021-04", 3 UK first of month
	yesNo    int // index into yesNoForms
	textNums bool
	capEnums bool
	missing  float64 // chance an optional number is left missing
	area     int     // 0 id, 1 name, 2 upper case name, 3 lower case name
}

var yesNoForms = [][2]any{{"yes", "no"}, {"Y", "N"}, {true, false}, {"1", "0"}, {"Yes", "No"}, {"✓", "✗"}}

func newStyle(r *rand.Rand, csv bool) style {
	s := style{csv: csv, date: r.IntN(4), month: r.IntN(4), yesNo: r.IntN(len(yesNoForms)),
		textNums: r.IntN(3) == 0, capEnums: r.IntN(2) == 0, missing: 0.01 * float64(r.IntN(4)), area: r.IntN(4)}
	if csv && s.date == 0 {
		s.date = 1 + r.IntN(3)
	}
	if csv && s.month == 0 {
		s.month = 1 + r.IntN(3)
	}
	return s
}

// cell renders v for column c.
func (s style) cell(r *rand.Rand, c *schemas.Column, v any) any {
	if v == nil {
		return nil
	}
	switch v := v.(type) {
	case string:
		if c.Type == schemas.Enum && s.capEnums {
			return capitalise(strings.ReplaceAll(v, "_", " "))
		}
		return v
	case int:
		if !c.Required && r.Float64() < s.missing {
			return pick(r, []any{nil, "n/a", "-"})
		}
		if s.textNums && r.IntN(6) == 0 {
			if v >= 1000 {
				return commas(v)
			}
			return " " + strconv.Itoa(v) + " "
		}
		return s.num(float64(v))
	case float64:
		if !c.Required && r.Float64() < s.missing {
			return pick(r, []any{nil, "n/a", "-"})
		}
		return s.num(v)
	case money:
		if s.textNums && r.IntN(3) == 0 {
			return "£" + commas(int(v))
		}
		if r.IntN(8) == 0 {
			return commas(int(v)) + ".00"
		}
		return s.num(float64(v))
	case bool:
		f := yesNoForms[s.yesNo]
		if s.csv && s.yesNo == 2 {
			f = [2]any{"TRUE", "FALSE"}
		}
		if v {
			return f[0]
		}
		return f[1]
	case day:
		form := s.date
		if r.IntN(10) == 0 {
			form = r.IntN(4)
		}
		return s.dateCell(form, v)
	case month:
		switch s.month {
		case 0:
			return xlDate{day{v.Time}, "mmm yyyy"}
		case 1:
			return v.Format("Jan 2006")
		case 2:
			return v.Format("2006-01")
		}
		return v.Format("02/01/2006")
	case period:
		return schemas.Period(v).String()
	}
	panic(fmt.Sprintf("sample: cannot render %T", v))
}

func (s style) dateCell(form int, d day) any {
	switch {
	case form == 0 && !s.csv:
		return xlDate{d, "dd/mm/yyyy"}
	case form == 2:
		return d.Format("02/01/2006")
	case form == 3:
		return d.Format("2 Jan 2006")
	}
	return d.Format("2006-01-02")
}

func (s style) num(f float64) any {
	if s.csv {
		return strconv.FormatFloat(f, 'f', -1, 64)
	}
	if f == float64(int(f)) {
		return int(f)
	}
	return f
}

// areaCell writes the area as its id or its name in some case.
func (s style) areaCell(r *rand.Rand, p AreaProfile) string {
	form := s.area
	if r.IntN(5) == 0 {
		form = r.IntN(4)
	}
	switch form {
	case 0:
		return p.ID
	case 1:
		return p.Name
	case 2:
		return strings.ToUpper(p.Name)
	}
	return strings.ToLower(p.Name)
}

func commas(n int) string {
	s := strconv.Itoa(n)
	for i := len(s) - 3; i > 0; i -= 3 {
		s = s[:i] + "," + s[i:]
	}
	return s
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	rs := []rune(s)
	rs[0] = unicode.ToUpper(rs[0])
	return string(rs)
}

// headerFor picks how a sheet heads column col of kind k: the canonical name
// written as words, or one of its aliases, sometimes as "No. of ..." or with
// a question mark. Every choice folds back to col.
func headerFor(r *rand.Rand, k *schemas.Kind, col string) string {
	aliases := k.Aliases()
	words := capitalise(strings.ReplaceAll(col, "_", " "))
	cands := []string{words}
	if c := k.Column(col); c != nil {
		for _, a := range c.Aliases {
			cands = append(cands, capitalise(a))
		}
		switch c.Type {
		case schemas.Count:
			if col != "population" {
				cands = append(cands, "No. of "+strings.ReplaceAll(col, "_", " "), "Number of "+strings.ReplaceAll(col, "_", " "))
			}
		case schemas.Bool:
			cands = append(cands, words+"?")
		case schemas.Money:
			cands = append(cands, words+" (£)")
		}
	} else if col == "area" {
		cands = append(cands, "Area name", "Big Local area", "Area ID", "area_id")
	} else if col == "period" {
		cands = append(cands, "Year", "Reporting year", "Financial year")
	}
	var ok []string
	for i, c := range cands {
		c = strings.Replace(c, "Lto", "LTO", 1)
		cands[i] = c
		if aliases[schemas.Norm(c)] == col {
			ok = append(ok, c)
		}
	}
	if len(ok) == 0 || r.IntN(2) == 0 {
		if aliases[schemas.Norm(cands[0])] == col {
			return cands[0]
		}
		return col
	}
	return pick(r, ok)
}

// colLetter is the spreadsheet letter of 0-based column i.
func colLetter(i int) string {
	s := ""
	for i++; i > 0; i = (i - 1) / 26 {
		s = string(rune('A'+(i-1)%26)) + s
	}
	return s
}
