package store

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/ourbiggerstory/obs/schemas"
)

// periodLabels checks period_label against Period.String for every year
// allowed, and NULL, on several connections of db at once.
func periodLabels(t *testing.T, db *sql.DB) {
	t.Helper()
	ctx := context.Background()
	conns := make([]*sql.Conn, 3) // every connection of the pool has the macro
	for i := range conns {
		c, err := db.Conn(ctx)
		if err != nil {
			t.Fatal(err)
		}
		defer c.Close()
		conns[i] = c
	}
	for i, c := range conns {
		rows, err := c.QueryContext(ctx, "SELECT p, period_label(p) FROM (SELECT range::INTEGER AS p FROM range($1, $2) UNION ALL SELECT NULL) ORDER BY p",
			int(schemas.FirstPeriod), int(schemas.LastPeriod)+1)
		if err != nil {
			t.Fatalf("connection %d: %v", i, err)
		}
		n := 0
		for rows.Next() {
			var p sql.NullInt64
			var label sql.NullString
			if err := rows.Scan(&p, &label); err != nil {
				t.Fatal(err)
			}
			if want := schemas.Period(p.Int64).String(); label.Valid != p.Valid || label.String != want {
				t.Errorf("period_label(%v) = %v, want %q", p, label, want)
			}
			n++
		}
		rows.Close()
		if n != int(schemas.LastPeriod-schemas.FirstPeriod)+2 {
			t.Errorf("connection %d: %d rows", i, n)
		}
	}
}

func TestPeriodLabelMacro(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "t.duckdb")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	periodLabels(t, s.DB)
	s.Close()

	r, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	periodLabels(t, r.DB)
	r.Close()
}

// A database made before the macro existed still reads with it, read-only,
// and gets it the next time it is opened for writing.
func TestPeriodLabelMacroOnOldDatabase(t *testing.T) {
	ctx := context.Background()
	path := filepath.Join(t.TempDir(), "old.duckdb")
	s, err := Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	// An older obs made no macro, and marked no schema (or another one).
	if _, err := s.DB.Exec("DROP MACRO period_label; COMMENT ON SEQUENCE load_seq IS NULL"); err != nil {
		t.Fatal(err)
	}
	s.Close()

	r, err := OpenReadOnly(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	var n int
	if err := r.DB.QueryRow("SELECT count(*) FROM duckdb_functions() WHERE function_name = 'period_label' AND database_name <> 'temp'").Scan(&n); err != nil || n != 0 {
		t.Fatalf("the old database holds %d period_label macros (%v), want none", n, err)
	}
	periodLabels(t, r.DB)
	r.Close()

	s, err = Open(ctx, path)
	if err != nil {
		t.Fatal(err)
	}
	defer s.Close()
	if err := s.DB.QueryRow("SELECT count(*) FROM duckdb_functions() WHERE function_name = 'period_label' AND database_name <> 'temp'").Scan(&n); err != nil || n != 1 {
		t.Fatalf("after a writable open the database holds %d period_label macros (%v), want 1", n, err)
	}
	periodLabels(t, s.DB)
}
