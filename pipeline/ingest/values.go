package ingest

import (
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ourbiggerstory/obs/schemas"
)

// Cell-value parsing. Every parser takes the raw cell text (excelize raw
// values: dates arrive as serial numbers) and returns the value, ok=false for
// a missing value, or an error saying what is wrong and what to do.

// errExcel marks an Excel error value in a cell (#REF!, #DIV/0!...).
var errExcel = errors.New("excel error")

// excelErr is a cell showing a spreadsheet error; it Is errExcel.
type excelErr struct{ msg string }

func (e excelErr) Error() string        { return e.msg }
func (e excelErr) Is(target error) bool { return target == errExcel }

var missingTokens = map[string]bool{"": true, "n/a": true, "na": true, "-": true, "?": true, "—": true, "–": true, "--": true}

// isMissing reports whether a raw cell means "no value".
func isMissing(s string) bool {
	t := strings.TrimSpace(s)
	return len(t) <= 3 && missingTokens[strings.ToLower(t)] // none is longer than "n/a" and "—"
}

var excelErrors = map[string]bool{"#REF!": true, "#DIV/0!": true, "#N/A": true, "#VALUE!": true, "#NAME?": true,
	"#NUM!": true, "#NULL!": true, "#SPILL!": true, "#CALC!": true, "#GETTING_DATA": true}

func checkExcelError(s string) error {
	if strings.IndexByte(s, '#') < 0 { // every one starts with #
		return nil
	}
	if excelErrors[strings.ToUpper(strings.TrimSpace(s))] {
		return excelErr{fmt.Sprintf("the cell shows the spreadsheet error %s; fix the formula or type the value in", strings.TrimSpace(s))}
	}
	return nil
}

// parseNumber reads "1,234", " 12 ", "12.0", "£1,200.50" as numberText does.
func parseNumber(s string) (float64, bool, error) {
	if v, ok := decimal(s); ok {
		return v, true, nil
	}
	if isMissing(s) {
		return 0, false, nil
	}
	if err := checkExcelError(s); err != nil {
		return 0, false, err
	}
	t, err := numberText(s, schemas.Money, false)
	if err != nil {
		return 0, false, err
	}
	v, err := strconv.ParseFloat(t, 64)
	if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
		return 0, false, fmt.Errorf("%q is not a number; %s, or leave it blank (or n/a) if not known", strings.TrimSpace(s), schemas.SayDigits)
	}
	return v, true, nil
}

// parseCount reads a non-negative whole number.
func parseCount(s string) (int64, bool, error) {
	v, ok, err := parseNumber(s)
	if !ok || err != nil {
		return 0, ok, err
	}
	// A formula's result may carry a binary rounding error (7.0000000000000009
	// for a cell showing 7): within a billionth of a whole number, it is one.
	if r := math.Round(v); math.Abs(v-r) <= 1e-9*math.Max(1, math.Abs(v)) {
		v = r
	}
	if v != math.Trunc(v) {
		return 0, false, fmt.Errorf("%s is not a whole number; %s", strconv.FormatFloat(v, 'g', 15, 64), schemas.SayWhole)
	}
	if v < 0 {
		return 0, false, constraintErr{fmt.Sprintf("%s is negative; %s", strings.TrimSpace(s), schemas.SayCountBelow0)}
	}
	if v > schemas.MaxCount {
		return 0, false, constraintErr{fmt.Sprintf("%s is %s", strings.TrimSpace(s), schemas.SayCountLarge)}
	}
	return int64(v), true, nil
}

// parseAmount reads a non-negative number (hours, pounds).
func parseAmount(s string) (float64, bool, error) {
	v, ok, err := parseNumber(s)
	if ok && err == nil && v < 0 {
		return 0, false, constraintErr{fmt.Sprintf("%s is negative; %s", strings.TrimSpace(s), schemas.SayAmountBelow0)}
	}
	return v, ok, err
}

// constraintErr is a value of the right type that breaks a rule of the contract.
type constraintErr struct{ msg string }

func (e constraintErr) Error() string { return e.msg }

var (
	monthNames = map[string]time.Month{}
	commaSpace = strings.NewReplacer(",", " ")
	monthSeps  = strings.NewReplacer(",", " ", "-", " ", "/", " ")
	enumSeps   = strings.NewReplacer(" ", "", "-", "", "_", "")
)

func init() {
	for m := time.January; m <= time.December; m++ {
		n := strings.ToLower(m.String())
		monthNames[n] = m
		monthNames[n[:3]] = m
	}
	monthNames["sept"] = time.September
}

// Day 0 of Excel's serial dates: the 1900 date system (as Excel counts it,
// with its phantom 29 February 1900), and the 1904 system of old Mac workbooks.
var (
	excelEpoch = time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC)
	epoch1904  = time.Date(1904, 1, 1, 0, 0, 0, 0, time.UTC)
)

// parseDate reads an Excel serial, ISO 2021-04-03, UK 03/04/2021 (day first,
// always; also with - or .), or "3 Apr 2021" / "3 April 2021".
func parseDate(s string) (time.Time, bool, error) { return parseDateIn(s, excelEpoch) }

// parseDateIn reads a date whose serial numbers count from epoch.
func parseDateIn(s string, epoch time.Time) (time.Time, bool, error) {
	if isMissing(s) {
		return time.Time{}, false, nil
	}
	if err := checkExcelError(s); err != nil {
		return time.Time{}, false, err
	}
	t := strings.TrimSpace(s)
	bad := func() (time.Time, bool, error) {
		return time.Time{}, false, fmt.Errorf("%q is not a date this return can read; %s", t, schemas.SayDate)
	}
	if f, err := strconv.ParseFloat(t, 64); err == nil {
		if f < 1 || f > 2958465 {
			return bad()
		}
		return epoch.AddDate(0, 0, int(f)), true, nil
	}
	// ISO, with an optional time part.
	if len(t) >= 10 && t[4] == '-' {
		if d, err := time.Parse("2006-01-02", t[:10]); err == nil {
			return d, true, nil
		}
		return bad()
	}
	for _, sep := range []string{"/", ".", "-"} {
		parts := strings.Split(t, sep)
		if len(parts) == 3 && allDigits(parts[0]) && allDigits(parts[1]) {
			if strings.Contains(parts[2], " ") { // a time after the date
				parts[2] = strings.Fields(parts[2])[0]
			}
			day, _ := strconv.Atoi(parts[0])
			mon, _ := strconv.Atoi(parts[1])
			year, err := strconv.Atoi(parts[2])
			if err != nil {
				return bad()
			}
			if len(parts[2]) == 2 {
				year += 2000
			}
			if mon > 12 && day <= 12 {
				return time.Time{}, false, fmt.Errorf("%q looks like a US month-first date; dates are read day first (UK): write %02d/%02d/%d", t, mon, day, year)
			}
			return mkDate(t, year, mon, day)
		}
	}
	f := strings.Fields(commaSpace.Replace(t))
	if len(f) == 3 {
		day, err1 := strconv.Atoi(strings.TrimRight(f[0], "stndrh"))
		mon, ok := monthNames[strings.ToLower(strings.TrimSuffix(f[1], "."))]
		year, err2 := strconv.Atoi(f[2])
		if err1 == nil && err2 == nil && ok {
			return mkDate(t, year, int(mon), day)
		}
	}
	return bad()
}

func mkDate(raw string, y, m, d int) (time.Time, bool, error) {
	if y < 1900 || y > 2200 || m < 1 || m > 12 || d < 1 {
		return time.Time{}, false, fmt.Errorf("%q is not a real date; write it day first as 03/04/2021", raw)
	}
	t := time.Date(y, time.Month(m), d, 0, 0, 0, 0, time.UTC)
	if t.Day() != d {
		return time.Time{}, false, fmt.Errorf("%q is not a real date (there is no day %d in that month)", raw, d)
	}
	return t, true, nil
}

func allDigits(s string) bool {
	if s == "" {
		return false
	}
	for _, r := range s {
		if r < '0' || r > '9' {
			return false
		}
	}
	return true
}

// parseMonth reads any date (giving its month) or "Apr 2021", "April 2021", "2021-04", "04/2021".
func parseMonth(s string) (time.Time, bool, error) { return parseMonthIn(s, excelEpoch) }

// parseMonthIn reads a month whose serial numbers count from epoch.
func parseMonthIn(s string, epoch time.Time) (time.Time, bool, error) {
	t := strings.TrimSpace(s)
	f := strings.Fields(monthSeps.Replace(t))
	if len(f) == 2 {
		if m, ok := monthNames[strings.ToLower(f[0])]; ok {
			if y, err := strconv.Atoi(f[1]); err == nil {
				if y < 100 {
					y += 2000
				}
				return mkDate(t, y, int(m), 1)
			}
		}
		if allDigits(f[0]) && allDigits(f[1]) {
			a, _ := strconv.Atoi(f[0])
			b, _ := strconv.Atoi(f[1])
			if len(f[0]) == 4 {
				return mkDate(t, a, b, 1)
			}
			return mkDate(t, b, a, 1)
		}
	}
	d, ok, err := parseDateIn(s, epoch)
	if !ok || err != nil {
		if err != nil && !errors.Is(err, errExcel) {
			err = fmt.Errorf("%q is not a month this return can read; %s", t, schemas.SayMonth)
		}
		return d, ok, err
	}
	return time.Date(d.Year(), d.Month(), 1, 0, 0, 0, 0, time.UTC), true, nil
}

// parseBool reads yes/no, y/n, true/false, 1/0, x and ✓ (ticked).
func parseBool(s string) (bool, bool, error) {
	t := strings.ToLower(strings.TrimSpace(s))
	if isMissing(t) {
		return false, false, nil
	}
	if err := checkExcelError(s); err != nil {
		return false, false, err
	}
	switch t {
	case "yes", "y", "true", "1", "x", "✓", "✔", "ticked", "t":
		return true, true, nil
	case "no", "n", "false", "0", "f", "✗", "✘":
		return false, true, nil
	}
	return false, false, fmt.Errorf("%q is not yes or no; %s (or y/n, ticked with x), or %s", strings.TrimSpace(s), schemas.SayYesNo, schemas.SayBlank)
}

// parsePeriod reads a reporting year as schemas.ParsePeriod does ("2019-20",
// "2019/20", "2019-2020", or a year "2019", also as an Excel number), giving
// the start year.
func parsePeriod(s string) (int32, bool, error) {
	t := strings.TrimSpace(s)
	if isMissing(t) {
		return 0, false, nil
	}
	if err := checkExcelError(s); err != nil {
		return 0, false, err
	}
	p, ok := schemas.ParsePeriod(t)
	if !ok {
		return 0, false, fmt.Errorf("%q is not a period; write the reporting year as 2019-20 (April to March) or a year such as 2019", t)
	}
	return int32(p), true, nil
}

// periodOf is the reporting year (April to March) a date falls in.
func periodOf(d time.Time) int32 { return int32(schemas.PeriodOf(d)) }

// parseEnum reads one of values, ignoring case, spaces, hyphens and underscores.
func parseEnum(s string, values []string) (string, bool, error) {
	if isMissing(s) {
		return "", false, nil
	}
	if err := checkExcelError(s); err != nil {
		return "", false, err
	}
	k := enumKey(s)
	for _, v := range values {
		if enumKey(v) == k {
			return v, true, nil
		}
	}
	return "", false, fmt.Errorf("%q is not one of the allowed values (%s)", strings.TrimSpace(s), strings.Join(schemas.WordsOf(values), ", "))
}

func enumKey(s string) string {
	return enumSeps.Replace(strings.ToLower(strings.TrimSpace(s)))
}
