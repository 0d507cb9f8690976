package sample

import (
	"bytes"
	"encoding/csv"
	"os"
	"path/filepath"
	"regexp"
	"strconv"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/schemas"
	"github.com/xuri/excelize/v2"
)

// The default sample, written once for the tests that only read it.
var def struct {
	dir string
	sum Summary
}

func TestMain(m *testing.M) {
	dir, err := os.MkdirTemp("", "obs-sample-")
	if err != nil {
		panic(err)
	}
	def.dir = dir
	if def.sum, err = Write(dir, Options{}); err != nil {
		panic(err)
	}
	code := m.Run()
	os.RemoveAll(dir)
	os.Exit(code)
}

// book is a file read back: sheet names in order and their raw rows.
type readBook struct {
	sheets []string
	rows   map[string][][]string
	x      *excelize.File
}

func readFile(t *testing.T, path string) readBook {
	t.Helper()
	b := readBook{rows: map[string][][]string{}}
	if strings.HasSuffix(path, ".csv") {
		data, err := os.ReadFile(path)
		if err != nil {
			t.Fatal(err)
		}
		recs, err := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\ufeff")))).ReadAll()
		if err != nil {
			t.Fatalf("%s: %v", path, err)
		}
		name := strings.TrimSuffix(filepath.Base(path), ".csv")
		b.sheets, b.rows[name] = []string{name}, recs
		return b
	}
	x, err := excelize.OpenFile(path)
	if err != nil {
		t.Fatalf("%s: %v", path, err)
	}
	t.Cleanup(func() { x.Close() })
	b.x = x
	for _, s := range x.GetSheetList() {
		rows, err := x.GetRows(s, excelize.Options{RawCellValue: true})
		if err != nil {
			t.Fatalf("%s!%s: %v", path, s, err)
		}
		b.sheets = append(b.sheets, s)
		b.rows[s] = rows
	}
	return b
}

// kindOf recognises a sheet's kind from its name (or a CSV file's name).
func kindOf(file, sheet string) *schemas.Kind {
	if strings.HasSuffix(file, ".csv") {
		return schemas.KindByName(strings.SplitN(file, "-", 2)[0])
	}
	for _, k := range append([]*schemas.Kind{schemas.AreasKind}, schemas.Kinds()...) {
		for _, s := range k.Sheets {
			if schemas.Norm(s) == schemas.Norm(sheet) {
				return k
			}
		}
	}
	return nil
}

func cellAt(rows [][]string, row int, col string) string {
	c, err := excelize.ColumnNameToNumber(col)
	if err != nil || row < 1 || row > len(rows) || c > len(rows[row-1]) {
		return ""
	}
	return rows[row-1][c-1]
}

func TestDeterministic(t *testing.T) {
	same := t.TempDir()
	if _, err := Write(same, Options{}); err != nil {
		t.Fatal(err)
	}
	other := t.TempDir()
	sum2, err := Write(other, Options{Seed: 2})
	if err != nil {
		t.Fatal(err)
	}
	differ := 0
	for _, f := range def.sum.Files {
		a, _ := os.ReadFile(filepath.Join(def.dir, f))
		b, err := os.ReadFile(filepath.Join(same, f))
		if err != nil || !bytes.Equal(a, b) {
			t.Errorf("%s: two runs with seed 1 differ", f)
		}
		if c, err := os.ReadFile(filepath.Join(other, f)); err != nil || !bytes.Equal(a, c) {
			differ++
		}
	}
	if differ < len(def.sum.Files)*3/4 {
		t.Errorf("seed 2 changed only %d of %d files", differ, len(def.sum.Files))
	}
	if len(sum2.Faults) != len(def.sum.Faults) {
		t.Errorf("seed 2 planted %d faults, seed 1 %d: the count should not depend on the seed", len(sum2.Faults), len(def.sum.Faults))
	}
}

func TestEveryKindPresent(t *testing.T) {
	seen := map[string]int{}
	for _, f := range def.sum.Files {
		b := readFile(t, filepath.Join(def.dir, f))
		for _, s := range b.sheets {
			if k := kindOf(f, s); k != nil && len(b.rows[s]) > 1 {
				seen[k.Name] += len(b.rows[s]) - 1
			}
		}
	}
	for _, k := range append([]*schemas.Kind{schemas.AreasKind}, schemas.Kinds()...) {
		if seen[k.Name] == 0 || def.sum.Rows[k.Name] == 0 {
			t.Errorf("kind %s: %d rows in the files, %d in the summary", k.Name, seen[k.Name], def.sum.Rows[k.Name])
		}
	}
}

// TestHeadersFold reads back every file and checks every header is one the
// schemas accept, for the column it was meant as, with the required columns there.
func TestHeadersFold(t *testing.T) {
	returnKeys := map[string]bool{"area": true, "period": true, "submittedby": true, "submittedon": true, "notes": true}
	for _, f := range def.sum.Files {
		b := readFile(t, filepath.Join(def.dir, f))
		oneArea := b.rows["Return"] != nil
		for _, s := range b.sheets {
			rows := b.rows[s]
			switch s {
			case "About":
				if len(rows) == 0 || rows[0][0] != Marker {
					t.Errorf("%s!About does not carry the marker", f)
				}
				continue
			case "Return":
				for _, r := range rows {
					if !returnKeys[schemas.Norm(r[0])] {
						t.Errorf("%s!Return: unknown key %q", f, r[0])
					}
				}
				continue
			}
			k := kindOf(f, s)
			if k == nil {
				t.Errorf("%s!%s: sheet name names no kind", f, s)
				continue
			}
			al, got := k.Aliases(), map[string]bool{}
			for _, h := range rows[0] {
				c, ok := al[schemas.Norm(h)]
				if !ok {
					t.Errorf("%s!%s: header %q (folded %q) is not a column or alias of %s", f, s, h, schemas.Norm(h), k.Name)
				}
				if got[c] {
					t.Errorf("%s!%s: two headers mean %s", f, s, c)
				}
				got[c] = true
			}
			for _, c := range k.Columns {
				if c.Required && !got[c.Name] {
					t.Errorf("%s!%s: required column %s missing", f, s, c.Name)
				}
			}
			if !k.Reference && got["area"] == oneArea {
				t.Errorf("%s!%s: area column %v in a workbook with a Return sheet %v", f, s, got["area"], oneArea)
			}
			if k.HasPeriod && !oneArea && !got["period"] {
				t.Errorf("%s!%s: no period column", f, s)
			}
		}
	}
}

var usDate = regexp.MustCompile(`^(\d\d)/(\d\d)/(\d{4})$`)

func TestFaultsAtTheirPositions(t *testing.T) {
	want := map[string]int{"header-alias": 1, "blank-row": 1, "unknown-area": 1, "type-error": 2,
		"excel-error": 2, "missing-cell": 1, "constraint-error": 1, "duplicate-row": 1}
	got := map[string]int{}
	for _, f := range def.sum.Faults {
		got[f.Kind]++
		b := readFile(t, filepath.Join(def.dir, f.File))
		rows, ok := b.rows[f.Sheet]
		if !ok {
			t.Errorf("%v: no such sheet", f)
			continue
		}
		v := cellAt(rows, f.Row, f.Column)
		var bad bool
		switch f.Kind {
		case "header-alias":
			bad = f.Row != 1 || v != "No. of attendees" || schemas.KindByName("events").Aliases()[schemas.Norm(v)] != "attendees"
		case "blank-row":
			bad = f.Column != "" || f.Row >= len(rows) || strings.Join(rows[f.Row-1], "") != ""
		case "unknown-area":
			bad = v != "Birchfeild"
		case "type-error":
			m := usDate.FindStringSubmatch(v)
			bad = v != "twelve" && (m == nil || m[2] <= "12")
		case "excel-error":
			typ, err := b.x.GetCellType(f.Sheet, f.Column+strconv.Itoa(f.Row))
			bad = err != nil || typ != excelize.CellTypeError || (v != "#REF!" && v != "#DIV/0!")
		case "missing-cell":
			bad = v != "" || len(rows[f.Row-1]) == 0
		case "constraint-error":
			n, err := strconv.Atoi(v)
			bad = err != nil || n >= 0
		case "duplicate-row":
			bad = f.Column != "" || f.Row < 3 || strings.Join(rows[f.Row-1], "|") != strings.Join(rows[f.Row-2], "|")
		default:
			bad = true
		}
		if bad {
			t.Errorf("%v: the file does not hold it there (cell %q)", f, v)
		}
	}
	for k, n := range want {
		if got[k] != n {
			t.Errorf("%d faults of kind %s, want %d", got[k], k, n)
		}
	}
	for _, scale := range []int{1, 3} {
		sum, err := Write(t.TempDir(), Options{Scale: scale})
		if err != nil {
			t.Fatal(err)
		}
		if scale == 1 && !equalFaults(sum.Faults, def.sum.Faults) {
			t.Errorf("the same seed planted different faults")
		}
		if len(sum.Faults) != len(def.sum.Faults) {
			t.Errorf("scale %d planted %d faults, scale 1 %d", scale, len(sum.Faults), len(def.sum.Faults))
		}
	}
}

func equalFaults(a, b []Fault) bool {
	if len(a) != len(b) {
		return false
	}
	for i := range a {
		if a[i] != b[i] {
			return false
		}
	}
	return true
}

// TestRowsAsWritten checks Summary.Rows against the files, and that no
// sheet repeats a row except where a duplicate was planted.
func TestRowsAsWritten(t *testing.T) {
	planted := map[string]bool{}
	for _, f := range def.sum.Faults {
		if f.Kind == "duplicate-row" {
			planted[f.File+"!"+f.Sheet+"!"+strconv.Itoa(f.Row)] = true
		}
	}
	counted := map[string]int{}
	for _, f := range def.sum.Files {
		b := readFile(t, filepath.Join(def.dir, f))
		for _, s := range b.sheets {
			k := kindOf(f, s)
			if k == nil {
				continue
			}
			seen := map[string]int{}
			for i, r := range b.rows[s][1:] {
				line := strings.Join(r, "|")
				if strings.Trim(line, "|") == "" {
					continue
				}
				counted[k.Name]++
				if prev, dup := seen[line]; dup && !planted[f+"!"+s+"!"+strconv.Itoa(i+2)] {
					t.Errorf("%s!%s: row %d repeats row %d but no duplicate was planted", f, s, i+2, prev)
				}
				seen[line] = i + 2
			}
		}
	}
	for k, n := range def.sum.Rows {
		if counted[k] != n {
			t.Errorf("kind %s: summary says %d rows, files hold %d", k, n, counted[k])
		}
	}
}

func TestDefaultSetIsSmall(t *testing.T) {
	total := int64(0)
	for _, f := range def.sum.Files {
		st, err := os.Stat(filepath.Join(def.dir, f))
		if err != nil {
			t.Fatal(err)
		}
		total += st.Size()
	}
	if total >= 400_000 {
		t.Errorf("default sample is %d bytes, want under 400 KB", total)
	}
	if n := len(def.sum.Files); n < 15 || n > 40 {
		t.Errorf("%d files", n)
	}
}

func TestSyntheticMarked(t *testing.T) {
	for _, f := range def.sum.Files {
		if strings.HasSuffix(f, ".csv") {
			continue
		}
		b := readFile(t, filepath.Join(def.dir, f))
		if b.rows["About"] == nil {
			t.Errorf("%s: no About sheet", f)
		}
		if ret := b.rows["Return"]; ret != nil && !strings.Contains(ret[len(ret)-1][1], "SYNTHETIC") {
			t.Errorf("%s: Return notes do not say synthetic", f)
		}
	}
	rows := readFile(t, filepath.Join(def.dir, "areas.xlsx")).rows["Areas"]
	if len(rows) != 16 {
		t.Fatalf("areas.xlsx has %d rows", len(rows))
	}
	for i, a := range schemas.OurBiggerStoryAreas {
		r := rows[i+1]
		if r[0] != a.ID || r[1] != a.Name || r[2] != a.LocalAuthority || r[3] != a.Region {
			t.Errorf("area row %v, want %v", r, a)
		}
		if pop, _ := strconv.Atoi(r[4]); pop < 5000 || pop > 15000 {
			t.Errorf("%s: population %s", a.ID, r[4])
		}
		if len(r) < 7 || r[6] != "yes" {
			t.Errorf("%s: not marked synthetic: %v", a.ID, r)
		}
	}
}

func TestOtherSizes(t *testing.T) {
	for _, o := range []Options{{Areas: 20, Years: 2, Seed: 7}, {Areas: 3, Years: 1}, {Areas: 15, Scale: 2, FirstYear: 2016}} {
		dir := t.TempDir()
		sum, err := Write(dir, o)
		if err != nil {
			t.Fatalf("%+v: %v", o, err)
		}
		rows := readFile(t, filepath.Join(dir, "areas.xlsx")).rows["Areas"]
		if len(rows)-1 != o.Areas {
			t.Errorf("%+v: %d areas", o, len(rows)-1)
		}
		if o.Areas == 20 && (rows[16][0] != "area-016" || rows[16][1] != "Synthetic Area 16") {
			t.Errorf("invented area %v", rows[16])
		}
		if o.Scale == 2 && sum.Rows["events"] < def.sum.Rows["events"]*3/2 {
			t.Errorf("scale 2 wrote %d events, scale 1 %d", sum.Rows["events"], def.sum.Rows["events"])
		}
		if len(sum.Faults) == 0 {
			t.Errorf("%+v: no faults", o)
		}
	}
}
