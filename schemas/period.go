package schemas

import (
	"fmt"
	"strconv"
	"strings"
	"time"
)

// Period is a reporting year, April to March, held as the year it starts:
// Period(2021) is April 2021 to March 2022, written 2021-22. The database
// stores it so (an INTEGER column), and SQL writes it with period_label.
type Period int

// Years a period may start in; anything outside is taken for a typing slip.
const (
	FirstPeriod Period = 1990
	LastPeriod  Period = 2100
)

// String writes p as UK community organisations report it: 2021-22. The
// zero Period, no period, is written as nothing.
func (p Period) String() string {
	if p == 0 {
		return ""
	}
	return fmt.Sprintf("%d-%02d", int(p), (int(p)+1)%100)
}

// PeriodOf is the reporting year a day falls in.
func PeriodOf(d time.Time) Period {
	if d.Month() < time.April {
		return Period(d.Year() - 1)
	}
	return Period(d.Year())
}

// periodSeps are what may stand between a period's two years.
const periodSeps = "-/–"

// ParsePeriod reads a reporting year as people write it: 2021-22, 2021/22,
// 2021–22, 2021-2022, 2021 22, 202122, 2008-9, or the year alone, 2021 (also
// 2021.0, as a spreadsheet may hold it). Spaces are ignored. The second year,
// when given, must follow the first. ok is false for anything else, and for
// a year outside FirstPeriod to LastPeriod.
func ParsePeriod(s string) (p Period, ok bool) {
	t := strings.ReplaceAll(strings.TrimSpace(s), " ", "")
	if len(t) < 4 {
		return 0, false
	}
	if !allDigits(t[:4]) {
		return 0, false
	}
	y, _ := strconv.Atoi(t[:4])
	if Period(y) < FirstPeriod || Period(y) > LastPeriod {
		return 0, false
	}
	rest := t[4:]
	if rest == "" || rest == ".0" {
		return Period(y), true
	}
	end := strings.TrimLeft(rest, periodSeps)
	if !allDigits(end) {
		return 0, false
	}
	n, _ := strconv.Atoi(end)
	switch len(end) {
	case 1, 2:
		ok = n == (y+1)%100
	case 4:
		ok = n == y+1
	}
	if !ok {
		return 0, false
	}
	return Period(y), true
}

func allDigits(s string) bool {
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return s != ""
}

// Macros are the SQL functions the database holds, one statement each:
// period_label(period) writes a period as Period.String does, 2021-22 (NULL
// stays NULL). temp makes them TEMP macros, which a read-only connection can
// create for itself.
func Macros(temp bool) []string {
	create := "CREATE OR REPLACE MACRO "
	if temp {
		create = "CREATE OR REPLACE TEMP MACRO "
	}
	return []string{
		create + "period_label(p) AS CASE WHEN p IS NULL OR p = 0 THEN NULL ELSE printf('%d-%02d', p, (p + 1) % 100) END",
	}
}
