package tabular

import (
	"math"
	"math/big"
	"testing"
	"time"
)

func TestNumber(t *testing.T) {
	for _, c := range []struct {
		in   float64
		want string
	}{
		{5.25, "5.25"}, {-0.5, "−0.5"}, {1234567, "1,234,567"},
		{68.05272770442771, "68.05"}, {1.614773272907463, "1.61"}, {84.6, "84.6"}, {100, "100"},
		{0.125, "0.13"}, {2.5, "2.5"}, {-2.5, "−2.5"}, {0.82, "0.82"}, {1234.5, "1234.5"},
		{9999, "9999"}, {10000, "10,000"}, {2021, "2021"}, {1234567.891, "1,234,567.89"},
		{0.000012345678, "0.000012"}, {0.012, "0.01"}, {0.038, "0.04"}, {0.0049, "0.0049"}, {0.005, "0.01"}, {0.0999, "0.1"}, {1e-9, "0.000000001"},
		{1e-12, "1e-12"}, {0, "0"}, {math.Copysign(0, -1), "0"}, {-0.004, "−0.004"}, {-0.001, "−0.001"},
		{math.NaN(), "—"}, {math.Inf(1), "∞"}, {math.Inf(-1), "−∞"},
	} {
		if got := Number(c.in); got != c.want {
			t.Errorf("Number(%v) = %s, want %s", c.in, got, c.want)
		}
	}
}

func TestCountMoneyPercentExact(t *testing.T) {
	for _, c := range []struct{ got, want string }{
		{Count(0), "0"}, {Count(2021), "2021"}, {Count(12345), "12,345"}, {Count(-1234567), "−1,234,567"},
		{Money(1200), "£1200"}, {Money(12000), "£12,000"}, {Money(5.25), "£5.25"}, {Money(-0.5), "−£0.50"},
		{Money(1234567), "£1,234,567"}, {Money(0.004), "£0"},
		{Percent(0.825), "83%"}, {Percent(-0.5), "−50%"}, {Percent(1), "100%"}, {Percent(0.004), "0%"},
		{Exact(0.125), "0.125"}, {Exact(-0.5), "−0.5"}, {Exact(1234567.5), "1,234,567.5"}, {Exact(0.1 + 0.2), "0.3"},
		{Date(time.Date(2021, 4, 3, 0, 0, 0, 0, time.UTC)), "2021-04-03"},
	} {
		if c.got != c.want {
			t.Errorf("got %s, want %s", c.got, c.want)
		}
	}
}

func TestPlural(t *testing.T) {
	for _, c := range []struct {
		n    int
		what string
		want string
	}{
		{1, "row", "1 row"}, {0, "row", "0 rows"}, {3, "data row", "3 data rows"}, {2, "entry", "2 entries"},
		{2, "day", "2 days"}, {2, "query", "2 queries"}, {2, "match", "2 matches"}, {2, "box", "2 boxes"},
		{12345, "evidence pack", "12,345 evidence packs"},
	} {
		if got := Plural(c.n, c.what); got != c.want {
			t.Errorf("Plural(%d, %q) = %s, want %s", c.n, c.what, got, c.want)
		}
	}
}

func TestDisplay(t *testing.T) {
	day := time.Date(2021, 4, 3, 0, 0, 0, 0, time.UTC)
	for _, c := range []struct {
		v    any
		typ  string
		want string
	}{
		{nil, "", "—"}, {5.25, "DOUBLE", "5.25"}, {float32(-0.5), "FLOAT", "−0.5"}, {int64(1234567), "BIGINT", "1,234,567"},
		{int32(2021), "INTEGER", "2021"}, {big.NewInt(-12345), "HUGEINT", "−12,345"}, {uint64(12345), "UBIGINT", "12,345"},
		{"-0.5", "VARCHAR", "-0.5"}, {true, "BOOLEAN", "true"}, {day, "DATE", "2021-04-03"},
	} {
		if got := Display(c.v, c.typ); got != c.want {
			t.Errorf("Display(%v, %s) = %s, want %s", c.v, c.typ, got, c.want)
		}
	}
}
