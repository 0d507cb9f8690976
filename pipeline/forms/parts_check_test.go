package forms_test

import (
	"bytes"
	"fmt"
	"path"
	"regexp"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/forms"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

// TestTemplateParts checks a template's parts against what Excel expects of
// them, the things that make it offer to repair a file: every part typed
// and every relationship's target present; sheet names Excel allows;
// validations counted right, with messages and lists inside Excel's limits;
// table names Excel allows, unique, each table's columns unique and its
// header row the sheet's. And the form itself: headers bold and frozen,
// each with its meaning as a comment.
func TestTemplateParts(t *testing.T) {
	b := template(t, everyKind(), true)
	checkTyped(t, b)
	names := map[string]bool{}
	tables := map[string]bool{}
	for _, s := range b.sheets {
		if len(s.name) > 31 || strings.ContainsAny(s.name, `[]:*?/\`) || names[strings.ToLower(s.name)] {
			t.Errorf("sheet name %q: Excel refuses it", s.name)
		}
		names[strings.ToLower(s.name)] = true
		checkValidations(t, b, s)
		for _, dv := range s.dvs() {
			if strings.HasSuffix(dv.Error, "…") {
				t.Errorf("%s!%s: an error message cut short to fit: %q", s.name, dv.Sqref, dv.Error)
			}
		}
		for _, tb := range s.tables {
			checkTable(t, b, s, tb, tables)
		}
	}
	for _, k := range everyKind() {
		s := b.sheet(forms.SheetName(k))
		if s == nil || len(s.tables) != 1 || s.xml.TableParts.Count != 1 {
			t.Errorf("%s: want one table", k.Name)
			continue
		}
		if s.xml.Pane == nil || s.xml.Pane.State != "frozen" || s.xml.Pane.YSplit != 1 {
			t.Errorf("%s: the header row is not frozen: %+v", s.name, s.xml.Pane)
		}
		for _, c := range b.columns(t, k) {
			if cell := s.cells[c.letter+"1"]; !b.bold[cell.S] {
				t.Errorf("%s!%s1: header not bold", s.name, c.letter)
			}
			if got := s.comments[c.letter+"1"]; !strings.Contains(got, c.c.Doc) {
				t.Errorf("%s!%s1: comment %q does not say what %s means", s.name, c.letter, got, c.c.Name)
			}
			if c.dv.PromptTitle != c.c.Name || !strings.Contains(strings.ToLower(c.dv.Prompt), strings.ToLower(c.c.Doc)) || !c.dv.ShowInput {
				t.Errorf("%s: input message %q %q does not say what it means", c.c.Name, c.dv.PromptTitle, c.dv.Prompt)
			}
		}
	}
	ret := b.sheet(forms.ReturnSheet)
	for cell, want := range map[string]string{"A1": "area", "B1": "birchfield", "A2": "period", "B2": "2021-22", "A3": "submitted_by", "B3": "", "A4": "submitted_on", "B4": ""} {
		if got := b.text(ret, cell); got != want {
			t.Errorf("Return!%s = %q, want %q", cell, got, want)
		}
	}
	guide := b.sheet(forms.GuideSheet)
	if got := b.text(guide, "A2"); !strings.HasPrefix(got, "SYNTHETIC") {
		t.Errorf("a template of a synthetic area does not say so first: Guide!A2 = %q", got)
	}
}

// checkTyped checks that every part has a content type, and every
// relationship's target is a part.
func checkTyped(t *testing.T, b *book) {
	var ct struct {
		Default []struct {
			Ext string `xml:"Extension,attr"`
		} `xml:"Default"`
		Override []struct {
			Part string `xml:"PartName,attr"`
		} `xml:"Override"`
	}
	b.decode(t, "[Content_Types].xml", &ct)
	typed := map[string]bool{}
	for _, d := range ct.Default {
		typed["."+d.Ext] = true
	}
	for _, o := range ct.Override {
		typed[strings.TrimPrefix(o.Part, "/")] = true
	}
	for _, name := range b.order {
		if name == "[Content_Types].xml" || strings.HasSuffix(name, "/") {
			continue
		}
		if !typed[name] && !typed[path.Ext(name)] {
			t.Errorf("part %s has no content type", name)
		}
		if strings.HasSuffix(name, ".rels") {
			var r relsXML
			b.decode(t, name, &r)
			owner := strings.Replace(strings.TrimSuffix(name, ".rels"), "_rels/", "", 1)
			for id, target := range b.rels(t, owner) {
				if _, ok := b.parts[target]; !ok && !strings.Contains(target, "://") {
					t.Errorf("%s: relationship %s points to %s, which is not in the file", name, id, target)
				}
			}
		}
	}
}

var (
	validName = regexp.MustCompile(`^[A-Za-z_\\][A-Za-z0-9_.]*$`)
	cellLike  = regexp.MustCompile(`^(?i:[a-z]{1,3}[0-9]+|r[0-9]*c[0-9]*|r|c)$`)
)

// checkTable checks one table against Excel's rules for names, columns and
// its header row.
func checkTable(t *testing.T, b *book, s *sheetPart, tb tableXML, seen map[string]bool) {
	n := strings.ToLower(tb.Name)
	if !validName.MatchString(tb.Name) || cellLike.MatchString(tb.Name) || len(tb.Name) > 255 || seen[n] || tb.DisplayName != tb.Name {
		t.Errorf("%s: table name %q (display %q): Excel refuses it", s.name, tb.Name, tb.DisplayName)
	}
	seen[n] = true
	if !strings.HasPrefix(tb.Ref, "A1:") || tb.AutoFilter.Ref != tb.Ref {
		t.Errorf("%s: table %s spans %s (filter %s), not from the header in A1", s.name, tb.Name, tb.Ref, tb.AutoFilter.Ref)
	}
	if tb.Columns.Count != len(tb.Columns.Col) {
		t.Errorf("%s: table %s counts %d columns and has %d", s.name, tb.Name, tb.Columns.Count, len(tb.Columns.Col))
	}
	cols := map[string]bool{}
	for i, c := range tb.Columns.Col {
		cell := fmt.Sprintf("%s1", columnLetter(i+1))
		if cols[strings.ToLower(c.Name)] || c.ID != i+1 || b.text(s, cell) != c.Name {
			t.Errorf("%s: table column %d %q (id %d) is a repeat, or not the header %s %q", s.name, i+1, c.Name, c.ID, cell, b.text(s, cell))
		}
		cols[strings.ToLower(c.Name)] = true
	}
}

// checkValidations checks a sheet's data validations against Excel's
// limits: the count attribute, titles of 32 characters at most, messages
// and typed lists of 255, and formulas Excel can read.
func checkValidations(t *testing.T, b *book, s *sheetPart) {
	if s.xml.DVs == nil {
		return
	}
	if s.xml.DVs.Count != len(s.xml.DVs.DV) {
		t.Errorf("%s: dataValidations count=%d, but %d are there", s.name, s.xml.DVs.Count, len(s.xml.DVs.DV))
	}
	for _, dv := range s.xml.DVs.DV {
		where := s.name + "!" + dv.Sqref
		if len([]rune(dv.PromptTitle)) > 32 || len([]rune(dv.ErrorTitle)) > 32 || len([]rune(dv.Prompt)) > 255 || len([]rune(dv.Error)) > 255 {
			t.Errorf("%s: a title or message is longer than Excel takes: %q %q %q %q", where, dv.PromptTitle, dv.Prompt, dv.ErrorTitle, dv.Error)
		}
		if dv.Type != "" && (!dv.AllowBlank || !dv.ShowError || dv.ErrorStyle != "stop" || dv.Error == "") {
			t.Errorf("%s: a check that does not stop a wrong value with a message, or refuses a blank", where)
		}
		switch dv.Type {
		case "list":
			if strings.HasPrefix(dv.F1, `"`) && len([]rune(dv.F1))-2 > 255 {
				t.Errorf("%s: list formula of %d characters; Excel takes 255", where, len(dv.F1)-2)
			}
			if len(b.listWords(t, dv)) == 0 {
				t.Errorf("%s: empty list", where)
			}
		case "whole", "decimal", "date":
			formula(t, dv.F1)
			if dv.Operator == "" || dv.Operator == "between" {
				bound(t, dv.F2, nil)
			}
		}
	}
}

func columnLetter(n int) string {
	s := ""
	for ; n > 0; n = (n - 1) / 26 {
		s = string(rune('A'+(n-1)%26)) + s
	}
	return s
}

// TestRoundTrip fills a whole template, every sheet, with values Excel lets
// in (written into the sheets' XML), ingests it: nothing is quarantined and
// every value is stored as typed, in the template's area and period.
func TestRoundTrip(t *testing.T) {
	kinds := schemas.AreaKinds()
	b := template(t, kinds, false)
	rows := map[string][]map[string]value{}
	type typed struct {
		k    *schemas.Kind
		col  column
		v    value
		row  int
		name bool
	}
	var all []typed
	for _, k := range kinds {
		cols := b.columns(t, k)
		for r := 0; r < 3; r++ {
			row := map[string]value{}
			for _, c := range cols {
				var ok []value
				for _, v := range b.probes(t, c.dv, c.c.Name) {
					if b.accepts(t, c.dv, v, row) {
						ok = append(ok, v)
					}
				}
				v := ok[(r+len(c.letter))%len(ok)]
				if v.isText && c.dv.Type == "" {
					v = text(fmt.Sprintf("%s %d", v.text, r+1))
				}
				row[c.letter] = v
			}
			for _, c := range cols {
				all = append(all, typed{k, c, row[c.letter], r + 2, personal(c.c, row, cols)})
			}
			rows[forms.SheetName(k)] = append(rows[forms.SheetName(k)], row)
		}
	}
	l := ingestBytes(t, b.fill(t, rows))
	if l.res.Quarantined != 0 || l.res.Loaded != 3*len(kinds) {
		t.Fatalf("loaded %d rows, quarantined %d; want %d and none: %v", l.res.Loaded, l.res.Quarantined, 3*len(kinds), l.res.Problems)
	}
	for _, x := range all {
		if got := l.stored(t, x.k, x.col.c, forms.SheetName(x.k), x.row); !asTyped(x.col.c, x.v, got, x.name) {
			t.Errorf("%s!%s%d: typed %s, stored %v", forms.SheetName(x.k), x.col.letter, x.row, x.v, got)
		}
	}
	var n int
	if err := l.db.QueryRow("SELECT count(*) FROM events WHERE area_id = 'birchfield' AND period = ?", int(period)).Scan(&n); err != nil || n != 3 {
		t.Errorf("events of birchfield 2021-22: %d (%v), want 3", n, err)
	}
}

// TestFilledSheetParts checks sheets laid out with rows already in them and
// cells marked, as the problems workbook lays them (two of one kind, each
// with its own table), against the same expectations of Excel.
func TestFilledSheetParts(t *testing.T) {
	k := schemas.KindByName("events")
	f := excelize.NewFile()
	defer f.Close()
	for i := 1; i <= 2; i++ {
		s := &forms.Sheet{Name: fmt.Sprintf("%d Events", i), Kind: k, Table: fmt.Sprintf("%s_%d", forms.TableName(k), i),
			Extra: []string{"area", "sent_in", "what_to_fix"}, Marks: map[string]string{}}
		s.Cells = []map[string]any{
			{"event_date": 44290.0, "event": "Fun day", "attendees": -3.0, "area": "hanwell", "what_to_fix": "-3 is negative"},
			{"event_date": "26/10/2020", "organised_by": "the vicar", "what_to_fix": "event is required"},
		}
		s.Marks[s.Cell("attendees", 0)] = "-3 is negative; a count cannot be below 0"
		s.Marks[s.Cell("event", 1)] = "event is required but the cell is empty"
		if err := forms.Add(f, s); err != nil {
			t.Fatal(err)
		}
	}
	var buf bytes.Buffer
	if err := tabular.WriteWorkbook(f, &buf); err != nil {
		t.Fatal(err)
	}
	b := readBook(t, buf.Bytes())
	checkTyped(t, b)
	tables := map[string]bool{}
	for _, name := range []string{"1 Events", "2 Events"} {
		s := b.sheet(name)
		checkValidations(t, b, s)
		if len(s.tables) != 1 {
			t.Fatalf("%s: %d tables", name, len(s.tables))
		}
		checkTable(t, b, s, s.tables[0], tables)
		if s.tables[0].Ref != "A1:J3" {
			t.Errorf("%s: the table spans %s, want A1:J3 (its two rows)", name, s.tables[0].Ref)
		}
		if !strings.Contains(s.comments["E2"], "cannot be below 0") || !strings.Contains(s.comments["B3"], "required") {
			t.Errorf("%s: marked cells' comments %v", name, s.comments)
		}
		if got := b.text(s, "A3"); got != "26/10/2020" {
			t.Errorf("%s!A3 = %q: text as sent", name, got)
		}
	}
}

// TestLongListInListsSheet checks that a list too long to type into a
// validation (over 255 characters) is kept in the hidden Lists sheet, and
// the validation offers that range, word for word.
func TestLongListInListsSheet(t *testing.T) {
	var values []string
	for i := 0; i < 30; i++ {
		values = append(values, fmt.Sprintf("community_organisation_%02d", i))
	}
	k := &schemas.Kind{Name: "long", Sheets: []string{"long"}, Columns: []schemas.Column{
		{Name: "what", Type: schemas.Text, Required: true, Doc: "what it is"},
		{Name: "who", Type: schemas.Enum, Values: values, Doc: "who it is"},
	}}
	f := excelize.NewFile()
	defer f.Close()
	if err := forms.Add(f, &forms.Sheet{Name: "Long", Kind: k}); err != nil {
		t.Fatal(err)
	}
	var buf bytes.Buffer
	if err := tabular.WriteWorkbook(f, &buf); err != nil {
		t.Fatal(err)
	}
	b := readBook(t, buf.Bytes())
	checkTyped(t, b)
	s := b.sheet("Long")
	checkValidations(t, b, s)
	cols := b.columns(t, k)
	dv := cols[1].dv
	if !strings.HasPrefix(dv.F1, "Lists!") {
		t.Fatalf("the long list is typed into the validation: %.80s…", dv.F1)
	}
	if got, want := strings.Join(b.listWords(t, dv), ","), strings.Join(k.Columns[1].Words(), ","); got != want {
		t.Errorf("the Lists range offers %q, want %q", got, want)
	}
	if !regexp.MustCompile(`<sheet name="Lists"[^>]* state="hidden"`).Match(b.parts["xl/workbook.xml"]) {
		t.Errorf("the Lists sheet is not hidden: %s", b.parts["xl/workbook.xml"])
	}
}
