package cli

import (
	"context"
	"fmt"
	"os"
	"os/exec"
	"path/filepath"
	"strings"
	"testing"

	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/store"
)

// obsProcess runs obs in a process of its own (TestMain makes the test
// binary obs) on the database db, in db's
// folder, with the key there.
func obsProcess(t *testing.T, db string, args ...string) (code int, stdout string) {
	t.Helper()
	cmd := exec.Command(os.Args[0], append([]string{"--db", db}, args...)...)
	cmd.Dir = filepath.Dir(db)
	cmd.Env = append(os.Environ(), "OBS_TEST_CHILD=obs", "OBS_KEY="+filepath.Join(filepath.Dir(db), "key"), "OBS_DB=")
	out, err := cmd.Output()
	if ee, ok := err.(*exec.ExitError); ok {
		return ee.ExitCode(), string(out)
	}
	if err != nil {
		t.Fatal(err)
	}
	return 0, string(out)
}

// databaseRows is every row of the tables a load writes, in order: equal
// before and after means nothing was written.
func databaseRows(t *testing.T, db string) string {
	t.Helper()
	st, err := store.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var b strings.Builder
	for _, table := range []string{"loads", "load_parts", "events_history", "quarantine", "replacements"} {
		rows, err := st.DB.Query("SELECT * FROM " + table + " ORDER BY ALL")
		if err != nil {
			t.Fatal(err)
		}
		cols, _ := rows.Columns()
		for rows.Next() {
			vals := make([]any, len(cols))
			ptrs := make([]any, len(cols))
			for i := range vals {
				ptrs[i] = &vals[i]
			}
			if err := rows.Scan(ptrs...); err != nil {
				t.Fatal(err)
			}
			fmt.Fprintln(&b, table, vals)
		}
		rows.Close()
	}
	return b.String()
}

func currentEvents(t *testing.T, db string) int {
	t.Helper()
	st, err := store.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	var n int
	if err := st.DB.QueryRow("SELECT count(*) FROM events WHERE area_id = 'birchfield' AND period = 2021").Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}

const (
	fiveEvents = "area,event date,event,attendees\nBirchfield,2021-05-01,Spring fair,40\nBirchfield,2021-06-12,Litter pick,12\n" +
		"Birchfield,2021-09-04,Coffee morning,18\nBirchfield,2021-11-20,Winter market,65\nBirchfield,2022-02-14,Youth club,22\n"
	// Two new events and one that repeats the litter pick exactly.
	extraEvents = "area,event date,event,attendees\nBirchfield,2021-07-03,Summer picnic,30\nBirchfield,2021-06-12,Litter pick,12\nBirchfield,2021-10-09,Repair cafe,9\n"
)

// TestAddReplaceRefuse: a different return for an area and year that has
// rows is refused (exit 1, nothing written) with both choices and their
// counts; --add adds it, quarantining the row already there; --replace
// replaces; a corrected return of the same file name replaces without
// being asked. Each obs runs in a process of its own, as an evaluator runs it.
func TestAddReplaceRefuse(t *testing.T) {
	const refusal = "events-extra.csv: Birchfield 2021-22 already has 5 events from birchfield-events-2021-22.csv (load 1). " +
		"Load again with --add to add these 3, or --replace to replace those 5 with these 3.\n"
	for _, tc := range []struct {
		name   string
		args   []string // the second ingest; "" is the file
		code   int
		events int // Birchfield's current events in 2021-22 after it
		says   string
	}{
		{"refused", []string{"ingest", ""}, ExitFailed, 5, refusal},
		{"add", []string{"ingest", "--add", ""}, ExitQuarantined, 7,
			"duplicate-row: events-extra.csv:events-extra!3: this row repeats exactly a row already loaded from birchfield-events-2021-22.csv (load 1, birchfield-events-2021-22!3)"},
		{"replace", []string{"ingest", "--replace", ""}, ExitOK, 3,
			"  replaces 5 events of Birchfield 2021-22 from birchfield-events-2021-22.csv (load 1) with 3 (replace was chosen); the earlier rows stay in history\n"},
		{"corrected", []string{"ingest", ""}, ExitOK, 4,
			"  replaces 5 events of Birchfield 2021-22 from birchfield-events-2021-22.csv (load 1) with 4 (a corrected return: the same file name); the earlier rows stay in history\n"},
	} {
		t.Run(tc.name, func(t *testing.T) {
			dir := t.TempDir()
			db := filepath.Join(dir, "obs.duckdb")
			if err := writeTestKey(filepath.Join(dir, "key")); err != nil {
				t.Fatal(err)
			}
			first := filepath.Join(dir, "birchfield-events-2021-22.csv")
			file := filepath.Join(dir, "events-extra.csv")
			if err := os.WriteFile(first, []byte(fiveEvents), 0o600); err != nil {
				t.Fatal(err)
			}
			if err := os.WriteFile(file, []byte(extraEvents), 0o600); err != nil {
				t.Fatal(err)
			}
			if tc.name == "corrected" {
				file = filepath.Join(dir, "Birchfield events 2021-22 v2.xlsx")
				correctedWorkbook(t, file)
			}
			if code, out := obsProcess(t, db, "ingest", first); code != ExitOK || currentEvents(t, db) != 5 {
				t.Fatalf("first load: exit %d\n%s", code, out)
			}
			before := databaseRows(t, db)
			args := append([]string{}, tc.args...)
			args[len(args)-1] = file
			code, out := obsProcess(t, db, args...)
			if code != tc.code || !strings.Contains(out, tc.says) {
				t.Errorf("exit %d, want %d; the output does not say %q:\n%s", code, tc.code, tc.says, out)
			}
			if n := currentEvents(t, db); n != tc.events {
				t.Errorf("Birchfield has %d current events in 2021-22, want %d", n, tc.events)
			}
			after := databaseRows(t, db)
			if changed := after != before; changed != (tc.code != ExitFailed) {
				t.Errorf("database changed: %v, want %v\nbefore:\n%s\nafter:\n%s", changed, tc.code != ExitFailed, before, after)
			}
			if code, out := obsProcess(t, db, "status"); tc.code == ExitOK && (code != ExitOK || !strings.Contains(out, strings.TrimSpace(strings.Split(tc.says, ";")[0]))) {
				t.Errorf("status (exit %d) does not list the replacement:\n%s", code, out)
			}
		})
	}
}

// correctedWorkbook writes a corrected version of fiveEvents: one event
// fewer and a figure changed.
func correctedWorkbook(t *testing.T, path string) {
	f := excelize.NewFile()
	defer f.Close()
	f.SetSheetName("Sheet1", "Events")
	for i, r := range [][]any{{"Area", "Event date", "Event", "Attendees"},
		{"Birchfield", "2021-05-01", "Spring fair", 42}, {"Birchfield", "2021-06-12", "Litter pick", 12},
		{"Birchfield", "2021-09-04", "Coffee morning", 18}, {"Birchfield", "2021-11-20", "Winter market", 65}} {
		cell, _ := excelize.CoordinatesToCellName(1, i+1)
		if err := f.SetSheetRow("Events", cell, &r); err != nil {
			t.Fatal(err)
		}
	}
	if err := f.SaveAs(path); err != nil {
		t.Fatal(err)
	}
}
