package ingest

import (
	"bufio"
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"syscall"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// childRecheck re-checks every quarantined row of db, as obs recheck does.
func childRecheck(db string) int {
	ctx := context.Background()
	st, err := store.Open(ctx, db)
	if err != nil {
		fmt.Println("OPEN-ERROR", err)
		return 1
	}
	defer st.Close()
	kr, err := privacy.Open(filepath.Join(filepath.Dir(db), "key", "pseudonym.key"))
	if err != nil {
		fmt.Println("KEY-ERROR", err)
		return 1
	}
	opt := Options{Keyring: kr, User: "someone", Progress: func(string, int) { fmt.Println("PROGRESS"); os.Stdout.Sync() }}
	res, err := Recheck(ctx, st, opt)
	if err != nil {
		fmt.Println("RECHECK-ERROR", err)
		return 1
	}
	loaded, still := 0, 0
	for _, r := range res {
		loaded += r.Loaded
		still += r.Quarantined
	}
	fmt.Println("RECHECKED", loaded, still)
	return 0
}

// runChild runs the test binary as an ingest (path given) or a re-check
// (path "") of db, and returns what it printed.
func runChild(t *testing.T, db, path string, env ...string) string {
	t.Helper()
	mode, args := "ingest", []string{"-test.run=^$", db, path}
	if path == "" {
		mode, args = "recheck", args[:2]
	}
	cmd := exec.Command(os.Args[0], args...)
	cmd.Env = append(append(os.Environ(), "OBS_TEST_CHILD="+mode), env...)
	out, err := cmd.Output()
	if err != nil {
		t.Fatalf("%s %s: %v\n%s", mode, filepath.Base(path), err, out)
	}
	return strings.TrimSpace(string(out))
}

// provenance lists the stored rows of a table as load:sheet!row:area.
func provenance(t *testing.T, db, table string) string {
	t.Helper()
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var s string
	q := fmt.Sprintf("SELECT coalesce(string_agg(load_id || ':' || source_sheet || '!' || source_row || ':' || area_id, ' ' ORDER BY source_row), '') FROM %s", table)
	if err := st.DB.QueryRow(q).Scan(&s); err != nil {
		t.Fatal(err)
	}
	return s
}

func quarantineRows(t *testing.T, db string) int {
	t.Helper()
	st, err := store.Open(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n, byLoads int
	if err := st.DB.QueryRow("SELECT (SELECT count(DISTINCT (load_id, sheet, row)) FROM quarantine), (SELECT sum(rows_quarantined) FROM loads)").Scan(&n, &byLoads); err != nil {
		t.Fatal(err)
	}
	if n != byLoads {
		t.Errorf("the quarantine holds %d rows, the loads count %d", n, byLoads)
	}
	return n
}

// TestRecheckAfterAddingArea: a row quarantined for an unknown area loads,
// in separate processes, once an areas return adds the area: by obs
// recheck, and by loading the same file again; the row keeps its load,
// sheet and row, and the quarantine shrinks.
func TestRecheckAfterAddingArea(t *testing.T) {
	for _, how := range []string{"recheck", "same file again"} {
		t.Run(how, func(t *testing.T) {
			e := newEnv(t)
			ev := writeXLSX(t, e.path("events.xlsx"), sheetData{"Events", [][]any{{"area", "date", "event", "attendees"},
				{"hanwell", "2021-05-01", "Fair", 40}, {"Newtown", "2021-06-01", "Walk", 12}, {"hanwell", "2021-07-01", "Picnic", "twelve"}}})
			areas := writeXLSX(t, e.path("areas.xlsx"), sheetData{"Areas", [][]any{{"area_id", "name"}, {"newtown", "Newtown"}}})
			e.st.Close()
			db := e.st.Path
			if out := runChild(t, db, ev); out != "LOADED 1" {
				t.Fatalf("first load: %s", out)
			}
			if n := quarantineRows(t, db); n != 2 {
				t.Fatalf("quarantined %d rows, want 2", n)
			}
			runChild(t, db, areas)
			if how == "recheck" {
				if out := runChild(t, db, ""); out != "RECHECKED 1 1" {
					t.Errorf("re-check: %s, want 1 loaded and 1 still quarantined", out)
				}
			} else if out := runChild(t, db, ev); out != "LOADED 1" {
				t.Errorf("the same file again: %s, want 1 loaded", out)
			}
			if n := quarantineRows(t, db); n != 1 {
				t.Errorf("after the re-check %d rows quarantined, want 1", n)
			}
			if got, want := provenance(t, db, "events"), "1:Events!2:hanwell 1:Events!3:newtown"; got != want {
				t.Errorf("stored rows %q, want %q", got, want)
			}
			if out := runChild(t, db, ""); out != "RECHECKED 0 1" {
				t.Errorf("a second re-check: %s, want nothing more loaded", out)
			}
		})
	}
}

// TestRecheckAreaFrom: a coded-segment project whose codings were all
// quarantined for want of an area loads when run again with the
// --area-from the message advises, into its first load.
func TestRecheckAreaFrom(t *testing.T) {
	e := newEnv(t)
	text := "We walked the estate. The new garden is lovely."
	var sels string
	for i, sub := range []string{"We walked the estate.", "The new garden is lovely."} {
		s, en := chars(t, text, sub)
		sels += textSel(gid('p', i), s, en, coding(gid('g', i), gid('c', 1), "", "2021-06-01"))
	}
	qde := project("NVivo 14",
		`<CodeBook><Codes><Code guid="`+gid('c', 1)+`" name="Place" isCodable="true"/></Codes></CodeBook>`,
		`<Sources><TextSource guid="`+gid('s', 1)+`" name="Birchfield walk" plainTextPath="internal://walk.txt">`+sels+`</TextSource></Sources>`)
	p := writeQDPX(t, e.path("walk.qdpx"), qde, map[string]string{"sources/walk.txt": text})
	e.st.Close()
	db := e.st.Path
	if out := runChild(t, db, p); out != "LOADED 0" {
		t.Fatalf("first load: %s", out)
	}
	if n := quarantineRows(t, db); n != 2 {
		t.Fatalf("quarantined %d codings, want 2", n)
	}
	if out := runChild(t, db, p, `OBS_TEST_AREA_FROM=source:^(\w+)`); out != "LOADED 2" {
		t.Errorf("again with --area-from source: %s, want 2 loaded", out)
	}
	if n := quarantineRows(t, db); n != 0 {
		t.Errorf("%d codings still quarantined", n)
	}
	if got, want := provenance(t, db, "interview_codes"), "1:project.qde!1:birchfield 1:project.qde!2:birchfield"; got != want {
		t.Errorf("stored codings %q, want %q", got, want)
	}
}

// TestKilledMidRecheck: a process killed (SIGKILL) in the middle of a
// re-check leaves the database exactly as before it.
func TestKilledMidRecheck(t *testing.T) {
	e := newEnv(t)
	// Half the rows are of an area not known yet: quarantined, as many as
	// a file may have (a file with more than half its rows quarantined is
	// refused as no return of its kind), then re-checked once it is added:
	// many more than the ProgressRows a re-check reports progress after.
	const n = 110000
	e.opt.Limits = DefaultLimits
	e.opt.Limits.MaxQuarantined = n / 2
	e.load(writeXLSX(t, e.path("areas.xlsx"), sheetData{"Areas", [][]any{{"area_id", "name"}, {"birchfield", "Birchfield"}}}))
	big := e.path("newtown.xlsx")
	f := excelize.NewFile()
	sw, _ := f.NewStreamWriter("Sheet1")
	sw.SetRow("A1", []any{"area", "event date", "event", "attendees"})
	for i := 0; i < n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		area := "Newtown"
		if i%2 == 1 {
			area = "Birchfield"
		}
		sw.SetRow(cell, []any{area, fmt.Sprintf("%02d/%02d/2021", i%28+1, i%12+1), fmt.Sprintf("Event %d", i), i % 90})
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(big); err != nil {
		t.Fatal(err)
	}
	f.Close()
	e.load(big)
	e.load(writeXLSX(t, e.path("more-areas.xlsx"), sheetData{"Areas", [][]any{{"area_id", "name"}, {"newtown", "Newtown"}}}))
	if q := e.count("SELECT count(*) FROM quarantine"); q != n/2 {
		t.Fatalf("%d rows quarantined before the re-check, want %d", q, n/2)
	}
	e.st.Close()
	before := snapshot(t, e.st.Path)
	if !strings.Contains(before, fmt.Sprint(n/2)) {
		t.Fatalf("the rows were not quarantined first: %s", before)
	}
	cmd := exec.Command(os.Args[0], "-test.run=^$", e.st.Path)
	cmd.Env = append(os.Environ(), "OBS_TEST_CHILD=recheck")
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	killed := false
	for sc.Scan() {
		if sc.Text() == "PROGRESS" { // rows are being re-checked inside the transaction
			cmd.Process.Signal(syscall.SIGKILL)
			killed = true
			break
		}
	}
	cmd.Wait()
	if !killed {
		t.Fatal("the child finished before it could be killed; make the file bigger")
	}
	if after := snapshot(t, e.st.Path); after != before {
		t.Errorf("database changed by a killed re-check:\nbefore %s\nafter  %s", before, after)
	}
}
