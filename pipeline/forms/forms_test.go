package forms_test

import (
	"bytes"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"regexp"
	"strings"
	"testing"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/forms"
	"github.com/ourbiggerstory/obs/pipeline/ingest"
	"github.com/ourbiggerstory/obs/pipeline/position"
	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

const period = schemas.Period(2021)

// every kind of return a template can hold: those an area fills in, and
// the coded segments, which --kinds can ask for.
func everyKind() []*schemas.Kind {
	var out []*schemas.Kind
	for _, k := range schemas.Kinds() {
		if !k.Reference {
			out = append(out, k)
		}
	}
	return out
}

func template(t *testing.T, kinds []*schemas.Kind, synthetic bool) *book {
	t.Helper()
	var buf bytes.Buffer
	r := &forms.Return{Area: forms.Area{ID: "birchfield", Name: "Birchfield", Synthetic: synthetic}, Period: period, Kinds: kinds}
	if err := forms.Write(&buf, r); err != nil {
		t.Fatal(err)
	}
	return readBook(t, buf.Bytes())
}

// column is one column of a kind's sheet as the template wrote it.
type column struct {
	letter string
	c      *schemas.Column
	dv     dvXML
}

// columns pairs each header cell of k's sheet with its column and its
// validation, failing when a column lacks either.
func (b *book) columns(t *testing.T, k *schemas.Kind) []column {
	t.Helper()
	s := b.sheet(forms.SheetName(k))
	if s == nil {
		t.Fatalf("no sheet for %s", k.Name)
	}
	byCol := map[string]dvXML{}
	if s.xml.DVs != nil {
		for _, dv := range s.xml.DVs.DV {
			m := regexp.MustCompile(`^([A-Z]+)2:([A-Z]+)(\d+)$`).FindStringSubmatch(dv.Sqref)
			if m == nil || m[1] != m[2] || m[3] != fmt.Sprint(forms.Rows+1) {
				t.Errorf("%s: validation range %q is not one column from row 2 to %d", s.name, dv.Sqref, forms.Rows+1)
				continue
			}
			byCol[m[1]] = dv
		}
	}
	var out []column
	for i := 1; ; i++ {
		cell, _ := excelize.CoordinatesToCellName(i, 1)
		h := b.text(s, cell)
		if h == "" {
			break
		}
		c := k.Column(h)
		if c == nil {
			t.Errorf("%s!%s: header %q is no column of %s", s.name, cell, h, k.Name)
			continue
		}
		letter := strings.TrimSuffix(cell, "1")
		dv, ok := byCol[letter]
		if !ok {
			t.Errorf("%s: column %s (%s) has no data validation", s.name, letter, h)
		}
		out = append(out, column{letter, c, dv})
	}
	return out
}

// loaded is a filled template ingested into a new database.
type loaded struct {
	res  *ingest.Result
	db   *sql.DB
	bad  map[string][]*position.Error // sheet!row -> faults
	file string
}

func ingestBytes(t *testing.T, data []byte) *loaded {
	t.Helper()
	dir := t.TempDir()
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(dir, "obs.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	kr, err := privacy.Open(filepath.Join(dir, "key", "pseudonym.key"))
	if err != nil {
		t.Fatal(err)
	}
	path := filepath.Join(dir, "birchfield-2021-22.xlsx")
	if err := os.WriteFile(path, data, 0o644); err != nil {
		t.Fatal(err)
	}
	res, err := ingest.File(ctx, st, path, ingest.Options{Keyring: kr, User: "tester"})
	if err != nil {
		t.Fatal(err)
	}
	if res.Refused != nil {
		t.Fatalf("the filled template was refused: %v", res.Refused)
	}
	l := &loaded{res: res, db: st.DB, bad: map[string][]*position.Error{}}
	for _, p := range res.Problems {
		key := fmt.Sprintf("%s!%d", p.Sheet, p.Line)
		l.bad[key] = append(l.bad[key], p)
	}
	return l
}

// stored is the value ingest stored for a column of the row at sheet!row.
func (l *loaded) stored(t *testing.T, k *schemas.Kind, c *schemas.Column, sheet string, row int) any {
	t.Helper()
	var v any
	q := fmt.Sprintf("SELECT %s FROM %s WHERE source_sheet = ? AND source_row = ?", c.Name, k.Name)
	if err := l.db.QueryRow(q, sheet, row).Scan(&v); err != nil {
		t.Fatalf("%s!%d, %s: %v", sheet, row, c.Name, err)
	}
	return v
}

// personal says whether column c's value in row (cells by letter, of
// columns cols) is a person's name, which ingest keeps as a pseudonym.
func personal(c *schemas.Column, row map[string]value, cols []column) bool {
	if c.Type == schemas.Person {
		return true
	}
	name, want, ok := strings.Cut(c.PersonWhen, "=")
	for _, o := range cols {
		if ok && o.c.Name == name {
			return strings.EqualFold(strings.ReplaceAll(row[o.letter].text, " ", "_"), want)
		}
	}
	return false
}

// asTyped says whether got is what ingest should have stored for v typed
// into column c: the value itself, or a pseudonym of a name.
func asTyped(c *schemas.Column, v value, got any, name bool) bool {
	if name {
		s, ok := got.(string)
		return ok && strings.HasPrefix(s, "P-") && s != v.text
	}
	day := func(serial float64) time.Time {
		return time.Date(1899, 12, 30, 0, 0, 0, 0, time.UTC).AddDate(0, 0, int(serial))
	}
	switch c.Type {
	case schemas.Count:
		return got == int64(v.num)
	case schemas.Number, schemas.Money:
		return got == v.num
	case schemas.Date:
		d, ok := got.(time.Time)
		return ok && d.Equal(day(v.num))
	case schemas.Month:
		d, ok := got.(time.Time)
		m := day(v.num)
		return ok && d.Equal(time.Date(m.Year(), m.Month(), 1, 0, 0, 0, 0, time.UTC))
	case schemas.Bool:
		return got == strings.EqualFold(v.text, "yes")
	case schemas.Enum:
		s, ok := got.(string)
		return ok && strings.ReplaceAll(s, "_", " ") == strings.ToLower(v.text)
	}
	return got == v.text
}

// probe is one value tried in one column, and the row it went in.
type probe struct {
	col   column
	v     value
	row   int
	cells map[string]value
	cols  []column
}

// fillProbes writes, on each kind's sheet, a row per probe of each column,
// the other columns holding their first value that Excel lets in.
func fillProbes(t *testing.T, b *book, kinds []*schemas.Kind) ([]byte, map[*schemas.Kind][]probe) {
	t.Helper()
	rows := map[string][]map[string]value{}
	out := map[*schemas.Kind][]probe{}
	for _, k := range kinds {
		cols := b.columns(t, k)
		base := map[string]value{}
		for _, c := range cols {
			for _, v := range b.probes(t, c.dv, c.c.Name) {
				if b.accepts(t, c.dv, v, nil) {
					base[c.letter] = v
					break
				}
			}
		}
		name := forms.SheetName(k)
		written := map[string]int{} // a row's cells -> its number: no row is written twice
		for _, c := range cols {
			for _, v := range b.probes(t, c.dv, c.c.Name) {
				row := map[string]value{}
				for l, bv := range base {
					row[l] = bv
				}
				row[c.letter] = v
				if w := wholeOf(c.dv); w != "" {
					row[w] = num(12) // a part probed against a whole filled in
				}
				key := fmt.Sprint(row)
				if _, ok := written[key]; !ok {
					rows[name] = append(rows[name], row)
					written[key] = len(rows[name]) + 1
				}
				out[k] = append(out[k], probe{c, v, written[key], row, cols})
			}
		}
	}
	return b.fill(t, rows), out
}

// TestChecksAgree walks every column of every kind: each value Excel's
// validation lets in, ingest loads as typed; each it stops (typed, or
// pasted past it), ingest quarantines, in that cell, with words the
// validation's own message uses.
//
// Then, kind by kind (subtests lists/KIND), TestListsAreIngestsValues on
// the same load.
func TestChecksAgree(t *testing.T) {
	kinds := everyKind()
	b := template(t, kinds, false)
	data, probes := fillProbes(t, b, kinds)
	l := ingestBytes(t, data)
	for _, k := range kinds {
		sheet := forms.SheetName(k)
		t.Run("rules/"+k.Name, func(t *testing.T) {
			for _, p := range probes[k] {
				faults := l.bad[fmt.Sprintf("%s!%d", sheet, p.row)]
				what := fmt.Sprintf("%s!%s%d: %s in %s", sheet, p.col.letter, p.row, p.v, p.col.c.Name)
				switch excel := b.accepts(t, p.col.dv, p.v, p.cells); {
				case excel && len(faults) > 0:
					t.Errorf("%s: Excel lets it in, ingest quarantines it: %v", what, faults)
				case excel:
					if got := l.stored(t, k, p.col.c, sheet, p.row); !asTyped(p.col.c, p.v, got, personal(p.col.c, p.cells, p.cols)) {
						t.Errorf("%s: stored as %v", what, got)
					}
				case len(faults) == 0:
					t.Errorf("%s: Excel stops it, ingest loads it", what)
				case len(faults) > 1 || faults[0].Col != p.col.letter:
					t.Errorf("%s: quarantined for other cells: %v", what, faults)
				case !samePhrase(faults[0].Err.Error(), p.col.dv.Error):
					t.Errorf("%s: ingest says %q, Excel %q: no words in common", what, faults[0].Err, p.col.dv.Error)
				}
			}
		})
	}
	testListsAreIngestsValues(t, kinds, b, probes, l)
}

// phrases are the words obs uses of values it cannot take.
var phrases = []string{schemas.SayDigits, schemas.SayWhole, schemas.SayCountBelow0, schemas.SayCountLarge,
	schemas.SayAmountBelow0, schemas.SayDate, schemas.SayMonth, schemas.SayYesNo, schemas.SayPartWhole, period.NotIn(), "not one of the allowed values ("}

// samePhrase says whether ingest's message and Excel's share one of the
// phrases, and an enumeration's message the same list of words.
func samePhrase(ingestMsg, excelMsg string) bool {
	a, b := strings.ToLower(ingestMsg), strings.ToLower(excelMsg)
	for _, p := range phrases {
		if p = strings.ToLower(p); strings.Contains(a, p) && strings.Contains(b, p) {
			if _, list, ok := strings.Cut(a, p); ok && p == "not one of the allowed values (" {
				words, _, _ := strings.Cut(list, ")")
				return strings.Contains(b, p+words+")")
			}
			return true
		}
	}
	return false
}

// testListsAreIngestsValues checks, kind by kind, that the template has
// every required column, and that each drop-down list offers exactly the
// values ingest accepts: every word loads, as a different value, and
// together they are the column's declared values (yes and no for yes/no).
func testListsAreIngestsValues(t *testing.T, kinds []*schemas.Kind, b *book, probes map[*schemas.Kind][]probe, l *loaded) {
	for _, k := range kinds {
		t.Run("lists/"+k.Name, func(t *testing.T) {
			have := map[string]bool{}
			for _, c := range b.columns(t, k) {
				have[c.c.Name] = true
			}
			for _, c := range k.Columns {
				if c.Required && !have[c.Name] {
					t.Errorf("required column %s is not in the template", c.Name)
				}
			}
			got := map[string]map[string]bool{}
			for _, p := range probes[k] {
				if p.col.dv.Type != "list" || !b.accepts(t, p.col.dv, p.v, p.cells) {
					continue
				}
				if got[p.col.c.Name] == nil {
					got[p.col.c.Name] = map[string]bool{}
				}
				got[p.col.c.Name][fmt.Sprint(l.stored(t, k, p.col.c, forms.SheetName(k), p.row))] = true
			}
			for _, c := range k.Columns {
				want := map[string]bool{}
				switch c.Type {
				case schemas.Enum:
					for _, v := range c.Values {
						want[v] = true
					}
				case schemas.Bool:
					want = map[string]bool{"true": true, "false": true}
				default:
					continue
				}
				if fmt.Sprint(got[c.Name]) != fmt.Sprint(want) {
					t.Errorf("%s: the list's words load as %v; ingest accepts %v", c.Name, got[c.Name], want)
				}
			}
		})
	}
}
