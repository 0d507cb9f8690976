package forms_test

import (
	"math"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"
)

// Excel's side of a column's rule: what its data validation, as read from
// the sheet's XML, lets a cell hold. A blank cell always passes (every
// check allows blanks); text never passes a number or date check.

// accepts says whether Excel lets v into a cell under dv, in a row holding
// cells (by column letter).
func (b *book) accepts(t *testing.T, dv dvXML, v value, cells map[string]value) bool {
	t.Helper()
	switch dv.Type {
	case "", "none":
		return true
	case "list":
		if !v.isText {
			return false
		}
		for _, w := range b.listWords(t, dv) {
			if strings.EqualFold(w, v.text) { // Excel's lists ignore case
				return true
			}
		}
		return false
	case "whole", "decimal", "date":
		if v.isText || dv.Type == "whole" && v.num != math.Trunc(v.num) {
			return false
		}
		lo := formula(t, dv.F1)
		switch dv.Operator {
		case "", "between":
			return v.num >= lo && v.num <= bound(t, dv.F2, cells)
		case "greaterThanOrEqual":
			return v.num >= lo
		}
		t.Fatalf("operator %q not expected", dv.Operator)
	}
	t.Fatalf("validation type %q not expected", dv.Type)
	return false
}

func formula(t *testing.T, f string) float64 {
	t.Helper()
	v, err := strconv.ParseFloat(f, 64)
	if err != nil {
		t.Fatalf("formula %q is not a number", f)
	}
	return v
}

// sameRowIf is the one formula a bound may be besides a number: the value
// of another cell of the row when it is filled, else a number.
var sameRowIf = regexp.MustCompile(`^IF\(([A-Z]+)2="",([0-9.]+),([A-Z]+)2\)$`)

// bound is the value of a validation's formula for a row holding cells.
func bound(t *testing.T, f string, cells map[string]value) float64 {
	t.Helper()
	m := sameRowIf.FindStringSubmatch(f)
	if m == nil {
		return formula(t, f)
	}
	if m[1] != m[3] {
		t.Fatalf("formula %q tests one cell and gives another", f)
	}
	c, ok := cells[m[1]]
	switch {
	case !ok:
		return formula(t, m[2])
	case c.isText:
		t.Fatalf("formula %q: the cell holds text %q", f, c.text)
	}
	return c.num
}

// wholeOf is the column a bound refers to on the same row, "" if none.
func wholeOf(dv dvXML) string {
	if m := sameRowIf.FindStringSubmatch(dv.F2); m != nil {
		return m[1]
	}
	return ""
}

// listWords are the words a list validation offers: typed into the formula
// ("a,b,c") or in a range of another sheet (Lists!$A$2:$A$7).
func (b *book) listWords(t *testing.T, dv dvXML) []string {
	t.Helper()
	if strings.HasPrefix(dv.F1, `"`) {
		return strings.Split(strings.ReplaceAll(strings.Trim(dv.F1, `"`), `""`, `"`), ",")
	}
	sheet, ref, ok := strings.Cut(strings.ReplaceAll(dv.F1, "$", ""), "!")
	s := b.sheet(sheet)
	from, to, ok2 := strings.Cut(ref, ":")
	if !ok || !ok2 || s == nil {
		t.Fatalf("list formula %q is neither words nor a range of a sheet", dv.F1)
	}
	c1, r1, err1 := excelize.CellNameToCoordinates(from)
	c2, r2, err2 := excelize.CellNameToCoordinates(to)
	if err1 != nil || err2 != nil || c1 != c2 {
		t.Fatalf("list range %q is not one column", dv.F1)
	}
	var out []string
	for r := r1; r <= r2; r++ {
		cell, _ := excelize.CoordinatesToCellName(c1, r)
		out = append(out, b.text(s, cell))
	}
	return out
}

// probes are values to try in a column under dv: some it lets in, and the
// mistakes next to its bounds and words. Free text names its column, so no
// text is taken for another column's name.
func (b *book) probes(t *testing.T, dv dvXML, name string) []value {
	switch dv.Type {
	case "list":
		var out []value
		for _, w := range b.listWords(t, dv) {
			out = append(out, text(w), text(strings.ToUpper(w)))
		}
		return append(out, text("something else"))
	case "whole":
		lo, hi := formula(t, dv.F1), bound(t, dv.F2, nil)
		return []value{num(lo), num(12), num(hi), num(lo - 1), num(2.5), num(hi + 1), text("twelve")}
	case "decimal":
		lo := formula(t, dv.F1)
		// (Not above 744: hours beyond a month's for the row's volunteers
		// are ingest's check alone; Excel cannot weigh the other cells.)
		return []value{num(lo), num(2.5), num(123.5), num(lo - 0.5), text("lots")}
	case "date":
		lo := formula(t, dv.F1)
		if dv.Operator == "greaterThanOrEqual" {
			return []value{num(36526), num(44290), num(lo - 1), text("someday")}
		}
		hi := formula(t, dv.F2)
		return []value{num(lo), num(math.Round((lo + hi) / 2)), num(hi), num(lo - 1), num(hi + 1), text("someday")}
	}
	return []value{text(name + " as typed")}
}
