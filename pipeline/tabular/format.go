package tabular

import (
	"database/sql"
	"math"
	"math/big"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// Minus is the minus sign on human surfaces.
const Minus = "−"

// Missing is how a missing value reads on human surfaces.
const Missing = "—"

// groupFrom is the smallest whole part written with thousands separators.
const groupFrom = 10000

// Number writes f for a person (see the rules above): 5.25, −0.5, 1,234,567.
func Number(f float64) string {
	switch {
	case math.IsNaN(f):
		return Missing
	case math.IsInf(f, 1):
		return "∞"
	case math.IsInf(f, -1):
		return Minus + "∞"
	}
	a := math.Abs(f)
	dec := 2
	if a > 0 && math.Round(a*100) == 0 { // would read 0: two significant figures
		if a < 1e-9 {
			return sign(f, strconv.FormatFloat(a, 'g', 2, 64))
		}
		dec = 1 - int(math.Floor(math.Log10(a)))
	}
	p := math.Pow10(dec)
	if r := math.Round(a*p) / p; !math.IsInf(a*p, 0) {
		a = r
	}
	s := strconv.FormatFloat(a, 'f', dec, 64)
	if strings.Contains(s, ".") {
		s = strings.TrimRight(strings.TrimRight(s, "0"), ".")
	}
	return sign(f, group(s))
}

// Exact writes f with every digit up to the sixth decimal (past which a
// float's rounding error shows), in the same style as Number: −0.125,
// 1,234,567.5.
func Exact(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return Number(f)
	}
	a := math.Abs(f)
	if r := math.Round(a*1e6) / 1e6; a >= 1e-6 {
		a = r
	}
	return sign(f, group(strconv.FormatFloat(a, 'f', -1, 64)))
}

// Count writes a whole number for a person: 2021, 12,345, −3.
func Count(n int64) string {
	s := strconv.FormatInt(n, 10)
	return sign(float64(n), group(strings.TrimPrefix(s, "-")))
}

// Money writes an amount in pounds: £1,200, £5.25, −£0.50.
func Money(f float64) string {
	if math.IsNaN(f) || math.IsInf(f, 0) {
		return Number(f)
	}
	a := math.Round(math.Abs(f)*100) / 100
	s := strconv.FormatFloat(a, 'f', 2, 64)
	s = strings.TrimSuffix(s, ".00")
	return sign(f, "£"+group(s))
}

// Percent writes a fraction as a whole percentage: 0.825 is 83%.
func Percent(frac float64) string {
	if math.IsNaN(frac) || math.IsInf(frac, 0) {
		return Number(frac)
	}
	return Number(math.Round(100*frac)) + "%"
}

// Date writes a day as 2021-04-03.
func Date(t time.Time) string { return t.Format("2006-01-02") }

// Plural writes a count of things: "1 row", "3 rows", "12,345 data rows",
// "2 entries", "4 matches". The last word of what is made plural.
func Plural(n int, what string) string {
	return Count(int64(n)) + " " + pluralForm(int64(n), what)
}

// pluralForm is what, made plural unless n is 1 or −1.
func pluralForm(n int64, what string) string {
	if n == 1 || n == -1 || what == "" {
		return what
	}
	last := what[len(what)-1]
	switch {
	case last == 'y' && len(what) > 1 && !strings.ContainsRune("aeiou", rune(what[len(what)-2])):
		return what[:len(what)-1] + "ies"
	case last == 's' || last == 'x' || strings.HasSuffix(what, "ch") || strings.HasSuffix(what, "sh"):
		return what + "es"
	}
	return what + "s"
}

// Display is a value of a query's result as a person reads it on a human
// surface (a terminal table, a web page, a notebook): numbers by Number and
// Count, NULL as Missing, dates and times by the column's DuckDB type, and
// everything else as the CSV writes it.
func Display(v any, typ string) string {
	switch x := v.(type) {
	case nil:
		return Missing
	case float64:
		return Number(x)
	case float32:
		return Number(float64(x))
	case duckdb.Decimal:
		return Number(x.Float64())
	case *big.Int:
		if x.IsInt64() {
			return Count(x.Int64())
		}
		return sign(float64(x.Sign()), group(new(big.Int).Abs(x).String()))
	case uint64:
		return group(strconv.FormatUint(x, 10))
	case time.Time:
		return formatTime(x, typ, " ")
	}
	if i, ok := toInt(v); ok {
		return Count(i)
	}
	return textOf(v, typ)
}

// sign puts Minus before s when f is negative and s is not zero.
func sign(f float64, s string) string {
	if f < 0 && strings.Trim(s, "0.,£") != "" {
		return Minus + s
	}
	return s
}

// group puts commas between the thousands of a number's whole part (digits,
// no sign) when it is groupFrom or more.
func group(s string) string {
	pre := ""
	if strings.HasPrefix(s, "£") {
		pre, s = "£", strings.TrimPrefix(s, "£")
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	if len(whole) < len(strconv.Itoa(groupFrom)) {
		return pre + s
	}
	var b strings.Builder
	b.WriteString(pre)
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	if hasFrac {
		b.WriteString("." + frac)
	}
	return b.String()
}

// NullNumber is Number, or Missing when v is NULL.
func NullNumber(v sql.NullFloat64) string {
	if !v.Valid {
		return Missing
	}
	return Number(v.Float64)
}

// NullCount is Count, or Missing when v is NULL.
func NullCount(v sql.NullInt64) string {
	if !v.Valid {
		return Missing
	}
	return Count(v.Int64)
}

// NullPercent is Percent, or Missing when v is NULL.
func NullPercent(v sql.NullFloat64) string {
	if !v.Valid {
		return Missing
	}
	return Percent(v.Float64)
}

// Display is the value at row r, column c of t as Display writes it, by
// the column's type.
func (t *Table) Display(r, c int) string {
	var v any
	if r < len(t.Rows) && c < len(t.Rows[r]) {
		v = t.Rows[r][c]
	}
	return Display(v, t.typeOf(c))
}

// Plain is v as the machine surfaces write it (the text of a CSV cell):
// every digit, ASCII, no separators.
func Plain(v any, typ string) string { return textOf(v, typ) }
