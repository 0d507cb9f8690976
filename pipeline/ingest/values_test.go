package ingest

import (
	"errors"
	"testing"
	"time"
)

func d(y, m, day int) time.Time { return time.Date(y, time.Month(m), day, 0, 0, 0, 0, time.UTC) }

func TestParseDate(t *testing.T) {
	tests := []struct {
		in   string
		want time.Time
		ok   bool
		err  bool
	}{
		{"44289", d(2021, 4, 3), true, false},      // Excel serial
		{"44289.5", d(2021, 4, 3), true, false},    // serial with a time
		{"2021-04-03", d(2021, 4, 3), true, false}, // ISO
		{"2021-04-03T10:00:00", d(2021, 4, 3), true, false},
		{"03/04/2021", d(2021, 4, 3), true, false}, // UK, day first
		{"3/4/2021", d(2021, 4, 3), true, false},
		{"03/04/21", d(2021, 4, 3), true, false},
		{"03.04.2021", d(2021, 4, 3), true, false},
		{"03-04-2021", d(2021, 4, 3), true, false},
		{"3 Apr 2021", d(2021, 4, 3), true, false},
		{"3 April 2021", d(2021, 4, 3), true, false},
		{"3rd April, 2021", d(2021, 4, 3), true, false},
		{"12/01/2021", d(2021, 1, 12), true, false}, // never US month-first
		{" ", time.Time{}, false, false},
		{"n/a", time.Time{}, false, false},
		{"-", time.Time{}, false, false},
		{"?", time.Time{}, false, false},
		{"04/23/2021", time.Time{}, false, true}, // US date: refused with a hint
		{"31/02/2021", time.Time{}, false, true},
		{"next Tuesday", time.Time{}, false, true},
		{"#REF!", time.Time{}, false, true},
	}
	for _, tt := range tests {
		got, ok, err := parseDate(tt.in)
		if ok != tt.ok || (err != nil) != tt.err || ok && !got.Equal(tt.want) {
			t.Errorf("parseDate(%q) = %v, %v, %v; want %v, %v, err %v", tt.in, got, ok, err, tt.want, tt.ok, tt.err)
		}
	}
}

func TestParseNumbers(t *testing.T) {
	tests := []struct {
		in   string
		want int64
		ok   bool
		typ  ErrorType // "" for no error
	}{
		{"12", 12, true, ""},
		{"1,234", 1234, true, ""},
		{" 12 ", 12, true, ""},
		{"12.0", 12, true, ""},
		{"1 234", 1234, true, ""},
		{"", 0, false, ""},
		{"n/a", 0, false, ""},
		{"N/A", 0, false, ""},
		{"-", 0, false, ""},
		{"?", 0, false, ""},
		{"twelve", 0, false, TypeError},
		{"12.5", 0, false, TypeError},
		{"7.0000000000000009", 7, true, ""}, // a formula's rounding error
		{"6.9999999999999991", 7, true, ""},
		{"7.001", 0, false, TypeError},
		{"-3", 0, false, ConstraintError},
		{"#DIV/0!", 0, false, ExcelError},
		{"#N/A", 0, false, ExcelError},
	}
	for _, tt := range tests {
		got, ok, err := parseCount(tt.in)
		typ := ErrorType("")
		if err != nil {
			typ = errorType(err)
		}
		if got != tt.want || ok != tt.ok || typ != tt.typ {
			t.Errorf("parseCount(%q) = %d, %v, %v (%s); want %d, %v, %q", tt.in, got, ok, err, typ, tt.want, tt.ok, tt.typ)
		}
	}
	if v, ok, err := parseAmount("£1,200.50"); v != 1200.5 || !ok || err != nil {
		t.Errorf("parseAmount(£1,200.50) = %v %v %v", v, ok, err)
	}
}

func TestParseBoolPeriodMonthEnum(t *testing.T) {
	for in, want := range map[string]bool{"yes": true, "Y": true, "TRUE": true, "1": true, "x": true, "✓": true, "no": false, "n": false, "false": false, "0": false} {
		if got, ok, err := parseBool(in); got != want || !ok || err != nil {
			t.Errorf("parseBool(%q) = %v %v %v", in, got, ok, err)
		}
	}
	if _, ok, err := parseBool("maybe"); ok || err == nil {
		t.Error("parseBool(maybe) should fail")
	}
	for in, want := range map[string]int32{"2019-20": 2019, "2019/20": 2019, "2019-2020": 2019, "2019": 2019, "2019.0": 2019} {
		if got, ok, err := parsePeriod(in); got != want || !ok || err != nil {
			t.Errorf("parsePeriod(%q) = %v %v %v", in, got, ok, err)
		}
	}
	for _, in := range []string{"2019-21", "19-20", "last year"} {
		if _, _, err := parsePeriod(in); err == nil {
			t.Errorf("parsePeriod(%q) should fail", in)
		}
	}
	for in, want := range map[string]time.Time{"Apr 2021": d(2021, 4, 1), "April 2021": d(2021, 4, 1), "2021-04": d(2021, 4, 1), "04/2021": d(2021, 4, 1), "15/04/2021": d(2021, 4, 1), "44301": d(2021, 4, 1)} {
		if got, ok, err := parseMonth(in); !got.Equal(want) || !ok || err != nil {
			t.Errorf("parseMonth(%q) = %v %v %v", in, got, ok, err)
		}
	}
	if got := periodOf(d(2021, 3, 31)); got != 2020 {
		t.Errorf("periodOf(31 Mar 2021) = %d, want 2020", got)
	}
	if got := periodOf(d(2021, 4, 1)); got != 2021 {
		t.Errorf("periodOf(1 Apr 2021) = %d, want 2021", got)
	}
	if v, ok, err := parseEnum("Working Group", []string{"partnership", "working_group"}); v != "working_group" || !ok || err != nil {
		t.Errorf("parseEnum = %v %v %v", v, ok, err)
	}
	if _, _, err := parseEnum("the vicar", []string{"partnership"}); err == nil || errors.Is(err, errExcel) {
		t.Errorf("parseEnum(the vicar) = %v", err)
	}
}

// FuzzCellParsers: no input makes a parser panic, and a value it accepts is sane.
func FuzzCellParsers(f *testing.F) {
	for _, s := range []string{"44289", "03/04/2021", "3 Apr 2021", "1,234", "n/a", "#REF!", "2019-20", "Apr 2021", "✓", "-0", "1e308", "31/13/2021"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		if v, ok, err := parseCount(s); ok && (err != nil || v < 0) {
			t.Errorf("parseCount(%q) = %d %v", s, v, err)
		}
		if v, ok, err := parseAmount(s); ok && (err != nil || v < 0) {
			t.Errorf("parseAmount(%q) = %v %v", s, v, err)
		}
		if v, ok, err := parseDate(s); ok && (err != nil || v.Year() < 1899 || v.Year() > 10000) {
			t.Errorf("parseDate(%q) = %v %v", s, v, err)
		}
		if v, ok, _ := parseMonth(s); ok && v.Day() != 1 {
			t.Errorf("parseMonth(%q) = %v, not a first of the month", s, v)
		}
		if v, ok, _ := parsePeriod(s); ok && (v < 1990 || v > 2100) {
			t.Errorf("parsePeriod(%q) = %v", s, v)
		}
		parseBool(s)
		parseEnum(s, []string{"none", "advisory", "delegated"})
	})
}
