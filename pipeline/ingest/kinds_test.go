package ingest

import (
	"fmt"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/schemas"
)

// sampleValue is a valid raw cell for a column type.
func sampleValue(c schemas.Column) any {
	switch c.Type {
	case schemas.Enum:
		return c.Values[0]
	case schemas.Count:
		return "1,234"
	case schemas.Number, schemas.Money:
		return "12.5"
	case schemas.Date:
		return "03/04/2021"
	case schemas.Month:
		return "Apr 2021"
	case schemas.Bool:
		return "yes"
	case schemas.Person:
		return "Grace Hopper"
	}
	return "Some text"
}

// TestEveryKind loads one row of every kind, with every column, written with
// its canonical header, and reads every value back.
func TestEveryKind(t *testing.T) {
	e := newEnv(t)
	var sheets []sheetData
	for _, k := range schemas.Kinds() {
		header := []any{}
		row := []any{}
		if !k.Reference {
			header, row = append(header, "area"), append(row, "three-parishes")
			if k.HasPeriod {
				header, row = append(header, "period"), append(row, "2021-22")
			}
		}
		for _, c := range k.Columns {
			header = append(header, c.Name)
			v := sampleValue(c)
			if k.Reference && c.Name == "area_id" {
				v = "new-area"
			}
			row = append(row, v)
		}
		sheets = append(sheets, sheetData{k.Name, [][]any{header, row}})
	}
	r := e.load(writeXLSX(t, e.path("all.xlsx"), sheets...))
	if r.Refused != nil || r.Quarantined != 0 {
		t.Fatalf("refused %v; problems %v", r.Refused, r.Problems)
	}
	if r.Loaded != len(schemas.Kinds()) || len(r.Kinds) != len(schemas.Kinds()) {
		t.Fatalf("loaded %d rows of kinds %v; want one of each of %d kinds", r.Loaded, r.Kinds, len(schemas.Kinds()))
	}
	for _, k := range schemas.Kinds() {
		where := "area_id = 'three-parishes' AND period = 2021"
		if k.Reference {
			where = "area_id = 'new-area'"
		}
		for _, c := range k.Columns {
			var got string
			q := fmt.Sprintf("SELECT CAST(%s AS VARCHAR) FROM %s WHERE %s", c.Name, k.Name, where)
			if err := e.st.DB.QueryRow(q).Scan(&got); err != nil {
				t.Errorf("%s.%s: %v", k.Name, c.Name, err)
				continue
			}
			want := map[schemas.Type]string{schemas.Count: "1234", schemas.Number: "12.5", schemas.Money: "12.5",
				schemas.Date: "2021-04-03", schemas.Month: "2021-04-01", schemas.Bool: "true"}[c.Type]
			switch {
			case c.Type == schemas.Person:
				if !strings.HasPrefix(got, "P-") || len(got) != 12 {
					t.Errorf("%s.%s = %q, want a pseudonym", k.Name, c.Name, got)
				}
			case c.Type == schemas.Enum:
				if got != c.Values[0] {
					t.Errorf("%s.%s = %q, want %q", k.Name, c.Name, got, c.Values[0])
				}
			case want != "" && got != want:
				t.Errorf("%s.%s = %q, want %q", k.Name, c.Name, got, want)
			}
		}
	}
}

// TestAliases: every alias of every column, and the folding of case,
// spacing, punctuation and "No. of", maps to the column.
func TestAliases(t *testing.T) {
	for _, k := range schemas.Kinds() {
		al := k.Aliases()
		for _, c := range k.Columns {
			for _, a := range append([]string{c.Name}, c.Aliases...) {
				for _, variant := range []string{a, strings.ToUpper(a), " " + strings.ReplaceAll(a, " ", "  ") + " ", strings.ReplaceAll(a, " ", "_") + "?", "No. of " + a, "Number of " + a} {
					got := al[schemas.Norm(variant)]
					if got != c.Name {
						t.Errorf("%s: header %q maps to %q, want %s", k.Name, variant, got, c.Name)
					}
				}
			}
		}
	}
	// The contract's own example.
	ev := schemas.KindByName("events").Aliases()
	for _, h := range []string{"No. of attendees", "Attendance", "attendees"} {
		if ev[schemas.Norm(h)] != "attendees" {
			t.Errorf("%q does not map to attendees", h)
		}
	}
}

// TestAliasesUnambiguous: within a kind no folded header means two columns.
func TestAliasesUnambiguous(t *testing.T) {
	for _, k := range schemas.Kinds() {
		seen := map[string]string{}
		for _, c := range k.Columns {
			for _, a := range append([]string{c.Name}, c.Aliases...) {
				n := schemas.Norm(a)
				if prev, ok := seen[n]; ok && prev != c.Name {
					t.Errorf("%s: header %q means both %s and %s", k.Name, a, prev, c.Name)
				}
				seen[n] = c.Name
			}
		}
	}
}

// TestReturnSheetAndCSV: a one-area workbook whose Return sheet gives the
// area and period, and a CSV with a BOM and a semicolon separator.
func TestReturnSheetAndCSV(t *testing.T) {
	e := newEnv(t)
	p := writeXLSX(t, e.path("westfield-2020.xlsx"),
		sheetData{"Return", [][]any{{"area", "Westfield"}, {"period", "2020-21"}, {"submitted_by", "Alan Turing"}}},
		sheetData{"Working groups", [][]any{{"Group", "Decision making", "Members", "Constituted?"}, {"Green spaces", "Delegated", 8, "y"}}},
		sheetData{"About", [][]any{{"Synthetic sample data"}}},
		sheetData{"Budget", [][]any{{"Line", "Amount"}, {"Room hire", 40}}},
	)
	r := e.load(p)
	if r.Refused != nil || r.Loaded != 1 || len(r.Skipped) != 1 || r.Skipped[0] != "Budget" {
		t.Fatalf("%+v", r)
	}
	if n := e.count("SELECT count(*) FROM working_groups WHERE area_id='westfield' AND period=2020 AND decision_power='delegated' AND constituted"); n != 1 {
		t.Errorf("working group row not as expected (%d)", n)
	}
	csv := "\xEF\xBB\xBFArea;Month;Hours;Volunteers\nWestfield;May 2020;1.199,5;30\nwestfield;Jun 2020;n/a;28\nwestfield;Jul 2020;0,5;2\n"
	r = e.load(writeFile(t, e.path("vol-westfield.csv"), []byte(csv)))
	if r.Refused != nil || r.Loaded != 3 {
		t.Fatalf("%+v %v", r, r.Problems)
	}
	if n := e.count("SELECT count(*) FROM volunteering WHERE hours IS NULL AND volunteers = 28 AND period = 2020"); n != 1 {
		t.Errorf("n/a must load as missing, never 0 (%d)", n)
	}
	if n := e.count("SELECT sum(hours)::INT FROM volunteering"); n != 1200 {
		t.Errorf("hours = %d, want 1200 (1.199,5 + 0,5 in a semicolon file, where the comma is the decimal mark)", n)
	}
}

// TestReloadAndSupersede: the same bytes twice is a no-op; a corrected
// return for the same area, period and kind replaces the earlier rows, which
// stay in history.
func TestReloadAndSupersede(t *testing.T) {
	e := newEnv(t)
	first := writeXLSX(t, e.path("events-v1.xlsx"), sheetData{"Events", [][]any{
		{"area", "date", "event", "attendees"},
		{"hanwell", "2021-05-01", "Fair", 40},
		{"hanwell", "2021-06-01", "Quiz", 20},
		{"hanwell", "2022-06-01", "Fair", 50}, // another period: untouched by the correction
	}})
	r1 := e.load(first)
	if r := e.load(first); !r.AlreadyLoaded || r.PreviousLoad != r1.LoadID {
		t.Fatalf("re-load: %+v", r)
	}
	if n := e.count("SELECT count(*) FROM loads"); n != 1 {
		t.Fatalf("loads after re-load = %d", n)
	}
	second := writeXLSX(t, e.path("events-v2.xlsx"), sheetData{"Events", [][]any{
		{"area", "date", "event", "attendees"},
		{"hanwell", "2021-05-01", "Fair", 45},
	}})
	r2 := e.load(second)
	if len(r2.Supersedes) != 1 || r2.Supersedes[0] != r1.LoadID {
		t.Fatalf("supersedes %v, want [%d]", r2.Supersedes, r1.LoadID)
	}
	if n := e.count("SELECT sum(attendees)::INT FROM events"); n != 95 {
		t.Errorf("current attendees = %d, want 45 + 50", n)
	}
	if n := e.count("SELECT count(*) FROM events_history WHERE superseded_by = ?", r2.LoadID); n != 2 {
		t.Errorf("superseded rows kept in history = %d, want 2", n)
	}
	if n := e.count("SELECT count(*) FROM load_parts WHERE superseded_by IS NOT NULL"); n != 1 {
		t.Errorf("superseded parts = %d, want 1", n)
	}
	if n := e.count("SELECT count(*) FROM loads WHERE superseded_by IS NOT NULL"); n != 0 {
		t.Errorf("load 1 still has a current part (2022-23), so it is not wholly superseded (%d)", n)
	}
}

// TestNoNamesStored: names from every kind of return reach neither the
// database file nor the quarantine; excerpts have them replaced.
func TestNoNamesStored(t *testing.T) {
	e := newEnv(t)
	names := []string{"Mary Seacole", "Florence Nightingale", "Octavia Hill", "Ebenezer Howard", "Ebenezer Scrooge", "Jacob Marley"}
	p := writeXLSX(t, e.path("names.xlsx"),
		sheetData{"Partnership", [][]any{{"area", "period", "member", "lives in area"}, {"hanwell", "2021-22", names[0], "yes"}, {"hanwell", "2021-22", names[1], "perhaps"}}},
		sheetData{"Grants", [][]any{{"area", "date", "recipient", "recipient type", "purpose"},
			{"hanwell", "2021-05-01", names[2], "individual", "shoes for " + names[2]},
			{"hanwell", "2021-05-02", "Ebenezer Scrooge", nil, "a blank type is taken as a person"},
			{"hanwell", "2021-05-03", "Jacob Marley", "Individual person", "a type obs cannot read: quarantined, name kept out"}}},
		sheetData{"Coded segments", [][]any{{"area", "document", "code", "quotation", "speaker"},
			{"hanwell", "Interview 1", "Leadership", "I asked mary seacole and Florence  Nightingale to join", names[3]}}},
	)
	r := e.load(p)
	if r.Loaded != 4 || r.Quarantined != 2 {
		t.Fatalf("loaded %d quarantined %d: %v", r.Loaded, r.Quarantined, r.Problems)
	}
	var excerpt string
	e.st.DB.QueryRow("SELECT excerpt FROM interview_codes").Scan(&excerpt)
	if strings.Contains(strings.ToLower(excerpt), "mary") || strings.Count(excerpt, "[P-") != 2 {
		t.Errorf("excerpt = %q", excerpt)
	}
	if err := e.st.DB.QueryRow("CHECKPOINT").Err(); err != nil {
		t.Fatal(err)
	}
	// A file named after someone the returns name.
	named := writeXLSX(t, e.path("Interview Mary Seacole.xlsx"), sheetData{"Events", [][]any{{"area", "date", "event"}, {"hanwell", "2021-06-01", "Talk"}}})
	if r := e.load(named); r.Loaded != 1 || strings.Contains(r.File, "Seacole") {
		t.Errorf("file named after a person: %+v", r)
	}
	// Every text column of every table, as SQL sees it (the file may compress strings)...
	if found := textColumnsContaining(t, e, names); len(found) > 0 {
		t.Errorf("names found in the database: %v", found)
	}
	// ...and the file's bytes, which hold neither a name nor the key.
	raw, _ := os.ReadFile(e.st.Path)
	key, err := os.ReadFile(filepath.Join(e.dir, "key", "pseudonym.key"))
	if err != nil || len(key) < 32 || strings.Contains(string(raw), string(key)) {
		t.Errorf("the key is in the database file, or unreadable (%v)", err)
	}
	for _, n := range names {
		for _, form := range []string{n, strings.ToLower(n), strings.ToUpper(n)} {
			if strings.Contains(string(raw), form) {
				t.Errorf("name %q found in the database file", form)
			}
		}
	}
}

// textColumnsContaining lists table.column where any of names appears (any case).
func textColumnsContaining(t *testing.T, e *env, names []string) []string {
	t.Helper()
	cols := textColumns(t, e, false)
	if len(cols) < 20 {
		t.Fatalf("only %d text columns found", len(cols))
	}
	var found []string
	for _, c := range cols {
		for _, n := range names {
			q := fmt.Sprintf(`SELECT count(*) FROM %s WHERE lower(%s) LIKE '%%' || lower(?) || '%%'`, c[0], c[1])
			if e.count(q, strings.Fields(n)[1]) > 0 {
				found = append(found, c[0]+"."+c[1]+": "+n)
			}
		}
	}
	return found
}

// TestQDASpreadsheetExports: coded-segment exports as NVivo, ATLAS.ti,
// MAXQDA, QualCoder and Taguette write them, with the area added by the
// evaluator (a column, or a Return sheet).
func TestQDASpreadsheetExports(t *testing.T) {
	e := newEnv(t)
	ret := sheetData{"Return", [][]any{{"area", "hanwell"}, {"period", "2021-22"}}}
	// Each export is a different return for the same area and period: each
	// replaces the one before, as chosen, and all stay in history.
	e.opt.Choice = Replace
	exports := map[string][][]any{
		"maxqda": {{"Color", "Document group", "Document name", "Code", "Begin", "End", "Weight score", "Segment", "Modified by", "Modified", "Created by", "Created", "Area", "Coverage %"},
			{"#ff0000", "Interviews", "Interview 4", "Leadership\\Working groups", 3, 3, 0, "We run it ourselves now.", "RW", "03/05/2021", "RW", "03/05/2021", 24, 1.2}},
		"atlas": {{"ID", "Quotation Name", "Document", "Codes", "Quotation Content", "Created by", "Created"},
			{"1:3", "We run it", "Interview 4", "Leadership/Working groups", "We run it ourselves now.", "RW", "2021-05-03"}},
		"nvivo":     {{"Node", "File", "Coded text", "Coder"}, {"Leadership\\Working groups", "Interview 4", "We run it ourselves now.", "RW"}},
		"qualcoder": {{"codename", "file", "coder", "date", "text"}, {"Leadership", "Interview 4", "RW", "2021-05-03", "We run it ourselves now."}},
		"taguette":  {{"id", "document", "tag", "content"}, {"7", "Interview 4", "leadership", "We run it ourselves now."}},
	}
	for name, rows := range exports {
		r := e.load(writeXLSX(t, e.path(name+".xlsx"), ret, sheetData{"Export", rows}))
		if r.Refused != nil || r.Loaded != 1 || len(r.Kinds) != 1 || r.Kinds[0] != "interview_codes" {
			t.Errorf("%s export: %+v %v", name, r, r.Problems)
		}
	}
	if n := e.count("SELECT count(*) FROM interview_codes_history WHERE area_id = 'hanwell' AND source = 'Interview 4' AND excerpt LIKE 'We run it%'"); n != 5 {
		t.Errorf("segments loaded with area, source and text = %d, want 5", n)
	}
	if n := e.count("SELECT count(*) FROM interview_codes_history WHERE code = 'Leadership/Working groups'"); n != 3 {
		t.Errorf("code paths read as Leadership/Working groups = %d, want 3 (MAXQDA, ATLAS.ti, NVivo)", n)
	}
}

// TestOrder: files holding interview codes (known by sheet name or by
// headers) load after the rest, otherwise in the order given.
func TestOrder(t *testing.T) {
	dir := t.TempDir()
	byName := writeXLSX(t, filepath.Join(dir, "a.xlsx"), sheetData{"Coded segments", [][]any{{"x"}}})
	byHeaders := writeFile(t, filepath.Join(dir, "b.csv"), []byte("area,document,code,quotation\nhanwell,Interview 1,Leadership,We did it\n"))
	events := writeXLSX(t, filepath.Join(dir, "c.xlsx"), sheetData{"Events", [][]any{{"area", "date", "event"}}})
	notes := writeXLSX(t, filepath.Join(dir, "d.xlsx"), sheetData{"About", [][]any{{"Synthetic"}}}, sheetData{"Roster", [][]any{{"area", "period", "member"}}})
	qdpx := filepath.Join(dir, "e.qdpx")
	got := Order([]string{byName, byHeaders, events, qdpx, notes})
	want := []string{events, notes, byName, byHeaders, qdpx}
	if fmt.Sprint(got) != fmt.Sprint(want) {
		t.Errorf("Order = %v\nwant    %v", got, want)
	}
}
