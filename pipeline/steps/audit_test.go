package steps

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/ingest"
	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// TestStepsRecordWhoActs: every step with effects records itself in the
// audit table under the pseudonym its context names, or, for a load with
// none, the pseudonym of the account that ran it (never the name); a
// change of override is recorded whichever step made it.
func TestStepsRecordWhoActs(t *testing.T) {
	ctx := context.Background()
	dir, st, kr := storeAndKey(t)
	write := func(name, text string) string {
		p := filepath.Join(dir, name)
		if err := os.WriteFile(p, []byte(text), 0o644); err != nil {
			t.Fatal(err)
		}
		return p
	}
	events := write("events.csv", "area,period,event date,event,attendees\nhanwell,2021-22,2021-05-01,Fair,40\n")
	volunteering := write("volunteering.csv", "area,month,volunteer,hours\nhanwell,2021-05,Test Volunteer,4\nnowhere,2021-05,Test Volunteer,4\n")
	overrides := write("overrides.csv", "area,period,label,rationale,evaluator\nhanwell,2021-22,model 2,read in the interviews,Test Evaluator\n")
	web := As(ctx, "P-web0000001")
	cli := kr.PseudonymOnly("test-account")
	opt := ingest.Options{Keyring: kr, User: "test-account"}
	must := func(err error) {
		t.Helper()
		if err != nil {
			t.Fatal(err)
		}
	}
	_, err := Load(web, st, []string{events}, opt, nil)
	must(err)
	_, err = Load(ctx, st, []string{volunteering}, opt, nil)
	must(err)
	_, err = Recheck(ctx, st, opt)
	must(err)
	defs, err := analysis.LoadDefinitions(analysis.BuiltinDefinitions(), "")
	must(err)
	sopt, _, err := analysis.PreviousOptions(ctx, st.DB, defs) // the commands' defaults
	must(err)
	sopt.Draws, sopt.Samples = 10, 10
	_, err = Score(As(ctx, cli), st, defs, sopt)
	must(err)
	copt, err := analysis.ReadClassifyFiles("", "", overrides, defs, kr.Pseudonym)
	must(err)
	copt.Draws = 10
	_, err = Classify(As(ctx, cli), st, defs, copt)
	must(err)
	_, err = SetOverride(web, st, "hanwell", 2021, nil, "P-web0000001")
	must(err)

	rows, err := st.DB.Query("SELECT changed_by, action, detail FROM audit ORDER BY audit_id")
	must(err)
	defer rows.Close()
	var got []string
	for rows.Next() {
		var who, action, detail string
		must(rows.Scan(&who, &action, &detail))
		got = append(got, who+" "+action+" "+detail)
	}
	want := []string{
		"P-web0000001 load events.csv (load 1): 1 rows loaded",
		cli + " load volunteering.csv (load 2): 1 rows loaded, 1 quarantined",
		cli + " recheck 1 quarantined rows checked again, 0 loaded",
		cli + " score scores computed again",
		cli + " classify labels computed again",
		cli + " override overrides: hanwell 2021-22 set to model 2 by " + kr.Pseudonym("Test Evaluator"),
		"P-web0000001 settings saved method version 1: the settings in use before the first version was saved",
		"P-web0000001 settings saved method version 2: label of hanwell 2021-22 set back",
		"P-web0000001 override overrides: hanwell 2021-22 removed",
	}
	if len(got) != len(want) {
		t.Fatalf("audit:\n%s\nwant rows starting:\n%s", strings.Join(got, "\n"), strings.Join(want, "\n"))
	}
	for i := range want {
		if !strings.HasPrefix(got[i], want[i]) {
			t.Errorf("audit row %d: %q; want it to start %q", i+1, got[i], want[i])
		}
		if strings.Contains(got[i], "test-account") || strings.Contains(got[i], "Test Evaluator") {
			t.Errorf("audit row %d names a person: %q", i+1, got[i])
		}
	}
}

// storeAndKey is a folder with a new database and a pseudonym key.
func storeAndKey(t *testing.T) (string, *store.Store, *privacy.Keyring) {
	t.Helper()
	dir := t.TempDir()
	st, err := store.Open(context.Background(), filepath.Join(dir, "obs.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	kr, err := privacy.Open(filepath.Join(dir, "key"))
	if err != nil {
		t.Fatal(err)
	}
	return dir, st, kr
}

// TestLoadDetailSaysWhyRefused: the changes list says why a file was
// refused, in its first line, not only that it was.
func TestLoadDetailSaysWhyRefused(t *testing.T) {
	res := &ingest.Result{File: "events.xlsx", Refused: errors.New("this is not a return of events: most rows are faulty\nrow 2: …")}
	if got, want := loadDetail(res), "events.xlsx: refused: this is not a return of events: most rows are faulty"; got != want {
		t.Errorf("%q, want %q", got, want)
	}
}
