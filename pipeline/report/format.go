package report

import (
	"database/sql"
	"math"
	"strconv"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// Num writes a figure for people: thousands separated, with as many
// decimals as its size deserves (1,234 · 56.7 · 0.42); "—" when missing.
func Num(v sql.NullFloat64) string {
	if !v.Valid {
		return "—"
	}
	return numString(v.Float64)
}

func numString(f float64) string {
	switch {
	case math.IsNaN(f) || math.IsInf(f, 0):
		return "—"
	case f == math.Trunc(f) && math.Abs(f) < 1e15:
		return thousands(strconv.FormatFloat(f, 'f', 0, 64))
	case math.Abs(f) >= 100:
		return thousands(strconv.FormatFloat(f, 'f', 0, 64))
	case math.Abs(f) >= 1:
		return thousands(strconv.FormatFloat(f, 'f', 1, 64))
	}
	return strconv.FormatFloat(f, 'f', 2, 64)
}

// Dec writes v with exactly n decimals; "—" when missing.
func Dec(v sql.NullFloat64, n int) string {
	if !v.Valid || math.IsNaN(v.Float64) {
		return "—"
	}
	return thousands(strconv.FormatFloat(v.Float64, 'f', n, 64))
}

// thousands puts commas in the whole part of a formatted number.
func thousands(s string) string {
	neg := strings.HasPrefix(s, "-")
	if neg {
		s = s[1:]
	}
	whole, frac, hasFrac := strings.Cut(s, ".")
	var b strings.Builder
	for i, r := range whole {
		if i > 0 && (len(whole)-i)%3 == 0 {
			b.WriteByte(',')
		}
		b.WriteRune(r)
	}
	out := b.String()
	if hasFrac {
		out += "." + frac
	}
	if neg && out != "0" {
		out = "−" + out
	}
	return out
}

// Rank writes "3 of 15"; "—" when there is no rank.
func Rank(rank, of sql.NullInt64) string {
	if !rank.Valid {
		return "—"
	}
	if !of.Valid || of.Int64 == 0 {
		return strconv.FormatInt(rank.Int64, 10)
	}
	return strconv.FormatInt(rank.Int64, 10) + " of " + strconv.FormatInt(of.Int64, 10)
}

func nf(f float64) sql.NullFloat64 { return sql.NullFloat64{Float64: f, Valid: true} }

// ModelName is "1 · partnership as executive".
func ModelName(m int) string {
	if m >= 1 && m <= len(schemas.Models) {
		return strconv.Itoa(m) + " · " + schemas.ModelName(m)
	}
	return schemas.ModelName(m)
}

// ResidentName is "R1 lives here".
func ResidentName(r string) string {
	if d := schemas.ResidentDefByID(r); d != nil {
		return r + " " + d.Name
	}
	if r == schemas.NoResidentDef || r == "" {
		return "—"
	}
	return r
}
