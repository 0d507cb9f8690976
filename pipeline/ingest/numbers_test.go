package ingest

import (
	"math"
	"strconv"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/schemas"
)

// Every way a number is written as text gets a decision: a value read for
// certain, or a refusal saying what to write.
func TestNumberText(t *testing.T) {
	tests := []struct {
		in   string
		typ  schemas.Type
		dc   bool   // the file writes decimals with a comma
		want string // "" when refused
		hint string // a part of the refusal
	}{
		{"12", schemas.Count, false, "12", ""},
		{"1,234", schemas.Count, false, "1234", ""},
		{"1,234,567.25", schemas.Number, false, "1234567.25", ""},
		{"1 234", schemas.Count, false, "1234", ""},
		{"1\u00a0234", schemas.Count, false, "1234", ""},
		{"2.5", schemas.Number, false, "2.5", ""},
		{"2,5", schemas.Number, false, "", "write 2.5 if it is a decimal, or 25 if not"},
		{"1,75", schemas.Number, false, "", "write 1.75 if it is a decimal, or 175 if not"},
		{"12,50", schemas.Money, false, "", "or 1250 if not"},
		{"1.200,50", schemas.Money, false, "", "write 1200.50"},
		{"2,5", schemas.Number, true, "2.5", ""},
		{"1.200,50", schemas.Money, true, "1200.50", ""},
		{"1.200", schemas.Count, true, "1200", ""},
		{"1 200,5", schemas.Number, true, "1200.5", ""},
		{"2.5", schemas.Number, true, "", "write 2,5 if it is a decimal, or 25 if not"},
		{"£1,200.50", schemas.Money, false, "1200.50", ""},
		{"£ 40", schemas.Money, false, "40", ""},
		{"-£40", schemas.Money, false, "-40", ""},
		{"£40", schemas.Count, false, "", "an amount of money, but this column holds a count"},
		{"$40", schemas.Money, false, "", "not in pounds"},
		{"40%", schemas.Count, false, "", "a percentage"},
		{"about 40", schemas.Count, false, "", "an approximation, and obs stores only figures it can read for certain; write the number alone (40)"},
		{"40+", schemas.Count, false, "", "write the number alone (40)"},
		{"c. 40", schemas.Count, false, "", "write the number alone (40)"},
		{"c40", schemas.Count, false, "", "approximation"},
		{"approx 3.5", schemas.Number, false, "", "approximation"},
		{"~12", schemas.Count, false, "", "approximation"},
		{"40ish", schemas.Count, false, "", "approximation"},
		{"30-40", schemas.Count, false, "", "a range"},
		{"0x10", schemas.Count, false, "", "not a number"},
		{"twelve", schemas.Count, false, "", "not a number"},
		{"2:30", schemas.Number, false, "2.5", ""},
		{"26:45", schemas.Number, false, "26.75", ""},
		{"2:30", schemas.Count, false, "", "not a number"},
		{"n/a", schemas.Count, false, "n/a", ""},
		{"#REF!", schemas.Count, false, "#REF!", ""},
	}
	for _, tt := range tests {
		got, err := numberText(tt.in, tt.typ, tt.dc)
		switch {
		case tt.want != "" && (err != nil || got != tt.want):
			t.Errorf("numberText(%q, %v, dc=%v) = %q, %v; want %q", tt.in, tt.typ, tt.dc, got, err, tt.want)
		case tt.want == "" && (err == nil || !strings.Contains(err.Error(), tt.hint)):
			t.Errorf("numberText(%q, %v, dc=%v) = %q, %v; want a refusal saying %q", tt.in, tt.typ, tt.dc, got, err, tt.hint)
		}
	}
}

// decimal reads numbers as Excel stores them to the bit strconv.ParseFloat
// gives, and leaves every other form to the general path.
func TestDecimal(t *testing.T) {
	for _, s := range []string{"0", "-0", "88", "-12", "2.5", "0.1", "-0.30", "007", "12345.678901",
		"9007199254740992", "0.0000000000000000000001", "123456789012345678.9", "3.14159265358979"} {
		checkDecimal(t, s)
		if _, ok := decimal(s); !ok && len(s) < 20 {
			t.Errorf("decimal(%q) left to the general path", s)
		}
	}
	for _, s := range []string{"", "-", ".5", "5.", "1e5", "+1", " 1", "1 ", "1,234", "1.2.3", "--1", "1-", "NaN", "Inf",
		"0x10", "9007199254740993", "12345678901234567890", "1.00000000000000000000001"} {
		checkDecimal(t, s)
		if v, ok := decimal(s); ok {
			t.Errorf("decimal(%q) = %v, want it left to the general path", s, v)
		}
	}
}

// FuzzDecimal holds decimal to strconv.ParseFloat, bit for bit, on every
// input it reads, and to the form numberText passes through unchanged.
func FuzzDecimal(f *testing.F) {
	for _, s := range []string{"88", "-0", "2.5", "0.1", "123.456", "9007199254740992", "1e5", "4503599627370497.5"} {
		f.Add(s)
	}
	f.Fuzz(checkDecimal)
}

func checkDecimal(t *testing.T, s string) {
	v, ok := decimal(s)
	if !ok {
		return
	}
	want, err := strconv.ParseFloat(s, 64)
	if err != nil || math.Float64bits(v) != math.Float64bits(want) {
		t.Errorf("decimal(%q) = %v (%x), strconv.ParseFloat = %v (%x) %v", s, v, math.Float64bits(v), want, math.Float64bits(want), err)
	}
	if !plain.MatchString(s) {
		t.Errorf("decimal(%q) read a form that is not a plain number", s)
	}
	for _, dc := range []bool{false, true} {
		if dc && strings.Contains(s, ".") {
			continue // a decimal-comma file's "2.5" takes the general path
		}
		if got, ok := separated(s, dc); !ok || got != s {
			t.Errorf("separated(%q, %v) = %q %v, but numberText passes it through as it is", s, dc, got, ok)
		}
	}
}
