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
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// TestMain lets the test binary act as an "obs ingest" child process.
func TestMain(m *testing.M) {
	switch os.Getenv("OBS_TEST_CHILD") {
	case "ingest":
		os.Exit(childIngest(os.Args[len(os.Args)-2], os.Args[len(os.Args)-1]))
	case "recheck":
		os.Exit(childRecheck(os.Args[len(os.Args)-1]))
	}
	os.Exit(m.Run())
}

func childIngest(db, path string) int {
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
	opt := Options{Keyring: kr, Progress: func(string, int) { fmt.Println("PROGRESS"); os.Stdout.Sync() }, AreaFrom: os.Getenv("OBS_TEST_AREA_FROM"),
		PeriodFrom: "created"} // the test projects are dated by their codings
	r, err := File(ctx, st, path, opt)
	if err != nil || r.Refused != nil {
		fmt.Println("LOAD-ERROR", err, r.Refused)
		return 1
	}
	fmt.Println("LOADED", r.Loaded)
	return 0
}

func child(t *testing.T, db, path string) *exec.Cmd {
	cmd := exec.Command(os.Args[0], "-test.run=^$", db, path)
	cmd.Env = append(os.Environ(), "OBS_TEST_CHILD=ingest")
	return cmd
}

// bigEvents writes an events workbook of n rows with the streaming writer.
func bigEvents(t testing.TB, path string, n int) string {
	t.Helper()
	f := excelize.NewFile()
	defer f.Close()
	sw, err := f.NewStreamWriter("Sheet1")
	if err != nil {
		t.Fatal(err)
	}
	sw.SetRow("A1", []any{"area", "event date", "event", "attendees", "resident attendees"})
	areas := []string{"hanwell", "birchfield", "westfield", "Whitley Bay"}
	for i := 0; i < n; i++ {
		cell, _ := excelize.CoordinatesToCellName(1, i+2)
		sw.SetRow(cell, []any{areas[i%4], fmt.Sprintf("%02d/%02d/2021", i%28+1, i%12+1), fmt.Sprintf("Event %d", i), i % 90, i % 90 / 2})
	}
	if err := sw.Flush(); err != nil {
		t.Fatal(err)
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
	return path
}

// TestKilledMidLoad: a process killed (SIGKILL) in the middle of a load
// leaves the database exactly as before the load.
func TestKilledMidLoad(t *testing.T) {
	e := newEnv(t)
	small := writeXLSX(t, e.path("small.xlsx"), sheetData{"Events", [][]any{{"area", "date", "event"}, {"hanwell", "2021-05-01", "Fair"}}})
	e.load(small)
	big := bigEvents(t, e.path("big.xlsx"), 400000)
	e.st.Close()
	before := snapshot(t, e.st.Path)

	cmd := child(t, e.st.Path, big)
	out, _ := cmd.StdoutPipe()
	if err := cmd.Start(); err != nil {
		t.Fatal(err)
	}
	sc := bufio.NewScanner(out)
	killed := false
	for sc.Scan() {
		if sc.Text() == "PROGRESS" { // rows are being loaded inside the transaction
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
		t.Errorf("database changed by a killed load:\nbefore %s\nafter  %s", before, after)
	}
}

// snapshot summarises every table's row count and the loads.
func snapshot(t *testing.T, path string) string {
	t.Helper()
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var b strings.Builder
	for _, q := range []string{"SELECT count(*) FROM events_history", "SELECT count(*) FROM quarantine", "SELECT count(*) FROM load_parts",
		"SELECT string_agg(load_id || ':' || file || ':' || rows_loaded, ',' ORDER BY load_id) FROM loads"} {
		var s any
		if err := st.DB.QueryRow(q).Scan(&s); err != nil {
			t.Fatal(err)
		}
		fmt.Fprintf(&b, "%v;", s)
	}
	return b.String()
}

// TestConcurrentIngest: two ingest processes at once on one database either
// serialise or one fails cleanly; the database is never corrupt.
func TestConcurrentIngest(t *testing.T) {
	e := newEnv(t)
	a := bigEvents(t, e.path("a.xlsx"), 30000)
	b := writeXLSX(t, e.path("b.xlsx"), sheetData{"Volunteering", [][]any{{"area", "month", "hours"}, {"hanwell", "May 2021", 3}}})
	e.st.Close()
	c1, c2 := child(t, e.st.Path, a), child(t, e.st.Path, b)
	var o1, o2 strings.Builder
	c1.Stdout, c2.Stdout = &o1, &o2
	c1.Start()
	time.Sleep(50 * time.Millisecond)
	c2.Start()
	e1, e2 := c1.Wait(), c2.Wait()
	for i, r := range []struct {
		err error
		out string
	}{{e1, o1.String()}, {e2, o2.String()}} {
		if r.err != nil && !strings.Contains(r.out, "in use by another obs command") {
			t.Errorf("child %d failed without a clear message: %v\n%s", i+1, r.err, r.out)
		}
	}
	st, err := store.Open(context.Background(), e.st.Path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var events, vol, loads int
	st.DB.QueryRow("SELECT (SELECT count(*) FROM events), (SELECT count(*) FROM volunteering), (SELECT count(*) FROM loads)").Scan(&events, &vol, &loads)
	want := 0
	if e1 == nil {
		want += 30000
		if events != 30000 {
			t.Errorf("events = %d, want 30000", events)
		}
	}
	if e2 == nil && vol != 1 {
		t.Errorf("volunteering = %d, want 1", vol)
	}
	if loads != btoi(e1 == nil)+btoi(e2 == nil) {
		t.Errorf("loads = %d for children errors %v, %v", loads, e1, e2)
	}
	t.Logf("child 1: %v %s; child 2: %v %s", e1, strings.TrimSpace(o1.String()), e2, strings.TrimSpace(o2.String()))
}

func btoi(b bool) int {
	if b {
		return 1
	}
	return 0
}
