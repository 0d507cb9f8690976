package ingest

import (
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/schemas"
)

// Limits across the cells of a row: a part cannot be more than its whole
// (resident_attendees, new_attendees <= attendees; non_partnership_members
// <= members), and a volunteer cannot give more hours in a month than the
// month has. (A date outside the Return sheet's year is checkPeriod's.) A
// row that breaks one is quarantined as a constraint error on the cell to
// check.

// partPrefixes name a column that counts part of another: resident_x of x.
var partPrefixes = []string{"resident_", "new_", "non_partnership_"}

// checkRow records the row's constraint errors; vals are its parsed values
// by position in k.Columns.
func (l *loader) checkRow(k *schemas.Kind, m *mapping, rs *rowState, vals []any) {
	num := func(name string) (float64, bool) {
		for ci, c := range k.Columns {
			if c.Name == name && vals[ci] != nil {
				switch v := vals[ci].(type) {
				case int64:
					return float64(v), true
				case float64:
					return v, true
				}
			}
		}
		return 0, false
	}
	for _, c := range k.Columns {
		for _, p := range partPrefixes {
			whole, ok := strings.CutPrefix(c.Name, p)
			if !ok || k.Column(whole) == nil {
				continue
			}
			part, ok1 := num(c.Name)
			all, ok2 := num(whole)
			if ok1 && ok2 && part > all {
				l.fail(rs, m, m.index[c.Name], ConstraintError, fmt.Errorf("%s %s is more than the %s %s in %s, and a part cannot be more than the whole; check both cells",
					fmtNum(part), words(c.Name), fmtNum(all), words(whole), l.cellRef(m, rs, whole)))
			}
		}
	}
	if k.Name == "volunteering" {
		l.checkHours(k, m, rs, vals, num)
	}
}

// checkHours: hours in a month are at most the month's hours (744 in a
// month of 31 days) for each volunteer the row counts.
func (l *loader) checkHours(k *schemas.Kind, m *mapping, rs *rowState, vals []any, num func(string) (float64, bool)) {
	hours, ok := num("hours")
	if !ok {
		return
	}
	people, who := 0.0, ""
	if v, ok := num("volunteers"); ok && v > 0 {
		people, who = v, fmt.Sprintf("%s volunteers", fmtNum(v))
	} else if i, ok := m.index["volunteer"]; ok && i < len(rs.cells) && !isMissing(rs.cells[i]) {
		people, who = 1, "one volunteer"
	}
	if people == 0 {
		return // a row that counts nobody: no limit to hold it to
	}
	days := 31.0
	label := "a month"
	for ci, c := range k.Columns {
		if c.Name == "month" && vals[ci] != nil {
			mon := vals[ci].(time.Time)
			days = float64(time.Date(mon.Year(), mon.Month()+1, 0, 0, 0, 0, 0, time.UTC).Day())
			label = mon.Format("January 2006")
		}
	}
	if limit := days * 24 * people; hours > limit {
		l.fail(rs, m, m.index["hours"], ConstraintError, fmt.Errorf("%s hours for %s in %s is more than the month has (%s hours); check the cell: it may be a year's total, or several volunteers' hours on one row",
			fmtNum(hours), who, label, fmtNum(limit)))
	}
}

// cellRef is where column name sits in the row: "D14".
func (l *loader) cellRef(m *mapping, rs *rowState, name string) string {
	i, ok := m.index[name]
	if !ok {
		return "column " + name
	}
	col, _ := excelize.ColumnNumberToName(i + 1)
	return fmt.Sprintf("%s%d", col, rs.num)
}

func words(name string) string { return strings.ReplaceAll(name, "_", " ") }

func fmtNum(v float64) string {
	return strings.TrimSuffix(strings.TrimRight(fmt.Sprintf("%.4f", v), "0"), ".")
}
