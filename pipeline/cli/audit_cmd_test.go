package cli

import (
	"context"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/privacy"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// TestCommandsRecordWhoActs: ingest, score and classify at the command
// line record themselves in the audit table under the pseudonym of the
// user name that ran them (under the key $OBS_KEY names), never the name.
func TestCommandsRecordWhoActs(t *testing.T) {
	dir := t.TempDir()
	db := filepath.Join(dir, "obs.duckdb")
	key := filepath.Join(dir, "key")
	t.Setenv(privacy.KeyEnv, key)
	csv := filepath.Join(dir, "events.csv")
	if err := os.WriteFile(csv, []byte("area,period,event date,event,attendees\nhanwell,2021-22,2021-05-01,Fair,40\n"), 0o644); err != nil {
		t.Fatal(err)
	}
	for _, args := range [][]string{
		{"ingest", "--db", db, "--key", key, csv},
		{"score", "--db", db, "--draws", "10"},
		{"classify", "--db", db, "--draws", "10"},
	} {
		if code, out, errs := run(t, args...); code != ExitOK {
			t.Fatalf("obs %s: exit %d\n%s%s", args[0], code, out, errs)
		}
	}
	kr, err := privacy.Open(key)
	if err != nil {
		t.Fatal(err)
	}
	user := currentUser()
	want := kr.PseudonymOnly(user)
	st, err := store.OpenReadOnly(context.Background(), db)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	rows, err := st.DB.Query("SELECT changed_by, action FROM audit ORDER BY audit_id")
	if err != nil {
		t.Fatal(err)
	}
	defer rows.Close()
	var got []string
	for rows.Next() {
		var who, action string
		if err := rows.Scan(&who, &action); err != nil {
			t.Fatal(err)
		}
		got = append(got, who+" "+action)
		if user != "" && strings.Contains(strings.ToLower(who), strings.ToLower(user)) {
			t.Errorf("the audit names the user %q: %q", user, who)
		}
	}
	if strings.Join(got, ", ") != want+" load, "+want+" score, "+want+" classify" || !strings.HasPrefix(want, "P-") {
		t.Errorf("audit: %q; want load, score and classify by %s", got, want)
	}
}
