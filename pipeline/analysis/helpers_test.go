package analysis

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/store"
)

// testDB opens a new database in a temporary folder.
func testDB(t testing.TB) *store.Store {
	t.Helper()
	s, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "test.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { s.Close() })
	return s
}

// row is one stored return row: column -> value (nil for NULL).
type row map[string]any

// insert adds rows of a kind straight into its history table, as a load would.
func insert(t testing.TB, db *sql.DB, table string, rows ...row) {
	t.Helper()
	for i, r := range rows {
		cols := []string{}
		args := []any{}
		if table != "areas" {
			cols = append(cols, "load_id", "source_sheet", "source_row")
			args = append(args, 1, "test", i+2)
		}
		for k, v := range r {
			cols = append(cols, k)
			args = append(args, v)
		}
		ph := strings.TrimSuffix(strings.Repeat("?, ", len(cols)), ", ")
		name := table + "_history"
		if table == "areas" {
			name = "areas"
		}
		q := fmt.Sprintf("INSERT INTO %s (%s) VALUES (%s)", name, strings.Join(cols, ", "), ph)
		if _, err := db.Exec(q, args...); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// builtin loads the embedded definitions.
func builtin(t testing.TB) *Definitions {
	t.Helper()
	defs, err := LoadDefinitions(BuiltinDefinitions(), "")
	if err != nil {
		t.Fatal(err)
	}
	return defs
}

// score runs Score in a transaction and writes the results.
func score(t testing.TB, s *store.Store, defs *Definitions, opt ScoreOptions) *ScoreResult {
	t.Helper()
	return runAndWrite(t, s, func(tx *store.Tx) (*ScoreResult, error) {
		return Score(context.Background(), tx.Conn, defs, opt)
	})
}

// runAndWrite runs an analysis in a transaction and writes its results there.
func runAndWrite[R interface{ Write(*store.Tx) error }](t testing.TB, s *store.Store, run func(*store.Tx) (R, error)) R {
	t.Helper()
	var res R
	err := s.InTx(context.Background(), func(tx *store.Tx) error {
		var err error
		res, err = run(tx)
		if err != nil {
			return err
		}
		return res.Write(tx)
	})
	if err != nil {
		t.Fatal(err)
	}
	return res
}

// find returns the score row for area, period, definition and resident def.
func find(t testing.TB, res *ScoreResult, area string, period int, def, rd string) ScoreRow {
	t.Helper()
	for _, r := range res.Scores {
		if r.Area == area && r.Period == period && r.Definition == def && r.ResidentDef == rd {
			return r
		}
	}
	t.Fatalf("no score for %s %d %s %s", area, period, def, rd)
	return ScoreRow{}
}

func near(a, b float64) bool {
	if math.IsNaN(a) || math.IsNaN(b) {
		return math.IsNaN(a) && math.IsNaN(b)
	}
	return math.Abs(a-b) <= 1e-9*math.Max(1, math.Abs(b))
}
