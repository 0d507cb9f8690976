package schemas

import (
	"testing"
	"time"
)

func TestParsePeriod(t *testing.T) {
	for _, c := range []struct {
		in   string
		want Period // 0: refused
	}{
		{"2021-22", 2021},
		{"2021/22", 2021},
		{"2021–22", 2021}, // en dash
		{"2021-2022", 2021},
		{"2021/2022", 2021},
		{"2021 - 22", 2021},
		{"2021 22", 2021},
		{"202122", 2021},
		{"2021--22", 2021},
		{"  2021-22  ", 2021},
		{"2019-20", 2019}, // as overrides files spell it
		{"2019/20", 2019},
		{"2019", 2019},
		{"2019-2020", 2019},
		{"2019-21", 0},
		{"19-20", 0},
		{"2021", 2021},
		{"2021.0", 2021},
		{"1999-00", 1999},
		{"1999-2000", 1999},
		{"2008-9", 2008},
		{"2008-09", 2008},
		{"1990", 1990},
		{"2100", 2100},

		{"", 0},
		{"   ", 0},
		{"21-22", 0},
		{"2021-23", 0},
		{"2021-2023", 0},
		{"2021-20", 0},
		{"2018-9", 0}, // 2018-19 cut to one digit is ambiguous
		{"2021-", 0},
		{"2021-022", 0},
		{"2021-x", 0},
		{"2021.5", 0},
		{"+2021", 0},
		{"-2021", 0},
		{"1989", 0},
		{"2101", 0},
		{"1919-20", 0},
		{"twenty", 0},
		{"last year", 0},
		{"2021-22-23", 0},
	} {
		got, ok := ParsePeriod(c.in)
		if got != c.want || ok != (c.want != 0) {
			t.Errorf("ParsePeriod(%q) = %d %v, want %d", c.in, got, ok, c.want)
		}
	}
}

func TestPeriodString(t *testing.T) {
	if got := Period(0).String(); got != "" {
		t.Errorf("Period(0).String() = %q, want nothing", got)
	}
	for p, want := range map[Period]string{2021: "2021-22", 1999: "1999-00", 2008: "2008-09", 2099: "2099-00"} {
		if got := p.String(); got != want {
			t.Errorf("Period(%d).String() = %q, want %q", p, got, want)
		}
		if back, ok := ParsePeriod(want); !ok || back != p {
			t.Errorf("ParsePeriod(%q) = %d %v, want %d", want, back, ok, p)
		}
	}
}

func TestPeriodOf(t *testing.T) {
	for d, want := range map[string]Period{"2021-03-31": 2020, "2021-04-01": 2021, "2021-12-31": 2021, "2022-01-01": 2021} {
		day, _ := time.Parse("2006-01-02", d)
		if got := PeriodOf(day); got != want {
			t.Errorf("PeriodOf(%s) = %d, want %d", d, got, want)
		}
	}
}

// FuzzParsePeriod: a period read back from any text prints as a period that
// reads back the same.
func FuzzParsePeriod(f *testing.F) {
	for _, s := range []string{"2021-22", "2021", "2021.0", "2008-9", "202122", "2021 – 2022"} {
		f.Add(s)
	}
	f.Fuzz(func(t *testing.T, s string) {
		p, ok := ParsePeriod(s)
		if !ok {
			return
		}
		if p < FirstPeriod || p > LastPeriod {
			t.Fatalf("ParsePeriod(%q) = %d, outside the years allowed", s, p)
		}
		if back, ok := ParsePeriod(p.String()); !ok || back != p {
			t.Fatalf("ParsePeriod(%q) = %d, but its label %s reads back as %d %v", s, p, p, back, ok)
		}
	})
}
