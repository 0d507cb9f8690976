package query

import (
	"strings"
	"testing"
)

func TestPeriodLiterals(t *testing.T) {
	cases := []struct{ in, want string }{
		{"SELECT * FROM events WHERE period = '2021-22'", "SELECT * FROM events WHERE period = 2021"},
		{"SELECT * FROM events e WHERE e.period>='2019/20'", "SELECT * FROM events e WHERE e.period>=2019"},
		{`SELECT * FROM events e WHERE "e"."period" <> '2020-2021'`, `SELECT * FROM events e WHERE "e"."period" <> 2020`},
		{"FROM scores WHERE period IN ('2019-20', '2020-21')", "FROM scores WHERE period IN (2019, 2020)"},
		{"FROM scores WHERE period NOT IN ('2019-20')", "FROM scores WHERE period NOT IN (2019)"},
		{"FROM scores WHERE period BETWEEN '2019-20' AND '2021-22'", "FROM scores WHERE period BETWEEN 2019 AND 2021"},
		{"FROM scores WHERE '2021-22' = period", "FROM scores WHERE 2021 = period"},
		// Not compared with a period column: text stays text.
		{"SELECT period_label(period) = '2021-22' FROM scores", "SELECT period_label(period) = '2021-22' FROM scores"},
		{"SELECT '2021-22' AS label", "SELECT '2021-22' AS label"},
		{"FROM areas WHERE name = '2021-22'", "FROM areas WHERE name = '2021-22'"},
		{"FROM scores WHERE period = '2021-23'", "FROM scores WHERE period = '2021-23'"}, // not one reporting year
		{"FROM scores WHERE period = '2021'", "FROM scores WHERE period = '2021'"},       // DuckDB reads it
		{"FROM scores -- period = '2021-22'\nWHERE 1=1", "FROM scores -- period = '2021-22'\nWHERE 1=1"},
		{"FROM scores WHERE note = 'period = ''2021-22'''", "FROM scores WHERE note = 'period = ''2021-22'''"},
	}
	for _, c := range cases {
		got, notes := PeriodLiterals(c.in)
		if got != c.want {
			t.Errorf("PeriodLiterals(%q)\n got %q\nwant %q", c.in, got, c.want)
		}
		if (got != c.in) != (len(notes) > 0) {
			t.Errorf("PeriodLiterals(%q): notes %q do not match the rewrite", c.in, notes)
		}
	}
	_, notes := PeriodLiterals("FROM scores WHERE period = '2021-22'")
	if len(notes) != 1 || !strings.Contains(notes[0], "'2021-22' is read as the reporting year 2021-22 (stored as 2021)") {
		t.Errorf("note: %q", notes)
	}
}

// FuzzPeriodLiterals: the rewrite only ever changes period literals; the
// rest of the SQL comes back byte for byte.
func FuzzPeriodLiterals(f *testing.F) {
	f.Add("SELECT * FROM events WHERE period IN ('2019-20', '2020-21') -- x")
	f.Add("/* '2021-22' */ SELECT 'it''s'")
	f.Fuzz(func(t *testing.T, s string) {
		got, notes := PeriodLiterals(s)
		if len(notes) == 0 && got != s {
			t.Fatalf("changed without a note: %q → %q", s, got)
		}
		var joined strings.Builder
		for _, tok := range sqlTokens(s) {
			joined.WriteString(tok.text)
		}
		if joined.String() != s {
			t.Fatalf("tokens do not join back to the SQL: %q", s)
		}
	})
}
