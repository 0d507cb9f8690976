package analysis

import (
	"context"
	"errors"
	"os"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/position"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

const goodHeader = `-- name: broken
-- label: Broken
-- unit: things
-- direction: higher
-- resident_def: no
-- base: none
`

func TestBadDefinitions(t *testing.T) {
	tests := []struct {
		name, text string
		line       int
		contains   string
	}{
		{"syntax error on line 9", goodHeader + "SELECT area_id, period,\n       1 AS value\nFORM area_periods\n", 9, "syntax error"},
		{"unknown column on line 8", goodHeader + "SELECT area_id, period,\n       nonsense AS value\nFROM area_periods\n", 8, "does not exist"},
		{"wrong columns", goodHeader + "SELECT area_id, period FROM area_periods\n", 7, "area_id, period and value"},
		{"two rows per area", goodHeader + "SELECT area_id, period, 1 AS value FROM area_periods\nUNION ALL SELECT area_id, period, 2 FROM area_periods\n", 7, "more than one row"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			s := testDB(t)
			tiny(t, s, nil, nil)
			score(t, s, builtin(t), ScoreOptions{Draws: 10})
			before := count(t, s, "scores")
			dir := t.TempDir()
			file := filepath.Join(dir, "broken.sql")
			if err := os.WriteFile(file, []byte(tt.text), 0o644); err != nil {
				t.Fatal(err)
			}
			defs, err := LoadDefinitions(BuiltinDefinitions(), dir)
			if err != nil {
				t.Fatal(err)
			}
			err = s.InTx(context.Background(), func(tx *store.Tx) error {
				res, err := Score(context.Background(), tx.Conn, defs, ScoreOptions{Draws: 10})
				if err != nil {
					return err
				}
				return res.Write(tx)
			})
			var ie *position.Error
			if !errors.As(err, &ie) || !errors.Is(err, ErrDefinition) {
				t.Fatalf("got %v, want a *position.Error of kind ErrDefinition", err)
			}
			if ie.File != file || ie.Line != tt.line || !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("got %s (file %s line %d); want %s:%d ... %s", err, ie.File, ie.Line, file, tt.line, tt.contains)
			}
			if after := count(t, s, "scores"); after != before {
				t.Errorf("scores went from %d to %d rows: nothing should be written", before, after)
			}
		})
	}
}

func TestBadDefinitionHeaders(t *testing.T) {
	tests := []struct {
		name, text string
		line       int
		contains   string
	}{
		{"missing direction", strings.Replace(goodHeader, "-- direction: higher\n", "", 1) + "SELECT 1", 1, "no -- direction: line"},
		{"no header at all", "SELECT area_id, period, 1 AS value FROM area_periods", 1, "no -- name: line"},
		{"bad direction", strings.Replace(goodHeader, "higher", "upwards", 1) + "SELECT 1", 4, "higher or lower"},
		{"resident_def unused", strings.Replace(goodHeader, "resident_def: no", "resident_def: yes", 1) + "SELECT 1", 5, "never uses $resident_def"},
		{"name all", strings.Replace(goodHeader, "name: broken", "name: all", 1) + "SELECT 1", 1, "composite"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ParseDefinition("x.sql", tt.text)
			var ie *position.Error
			if !errors.As(err, &ie) || !errors.Is(err, ErrDefinition) {
				t.Fatalf("got %v, want a *position.Error of kind ErrDefinition", err)
			}
			if ie.Line != tt.line || !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("got %q at line %d; want line %d and %q", err, ie.Line, tt.line, tt.contains)
			}
		})
	}
}

func TestBadWeights(t *testing.T) {
	defs := builtin(t)
	tests := []struct {
		name, text string
		line       int
		contains   string
	}{
		{"unknown definition", "definition,weight\nturnout,1\n# a comment\nturnip,2\n", 4, `no definition "turnip"`},
		{"negative", "definition,weight\nturnout,-1\n", 2, "0 or more"},
		{"not a number", "definition,weight\nturnout,lots\n", 2, "must be a number"},
		{"twice", "definition,weight\nturnout,1\nTurnout,2\n", 3, "twice"},
		{"no weight column", "definition,importance\nturnout,1\n", 1, "weight"},
		{"all zero", "definition,weight\nturnout,0\n", 0, "every weight is 0"},
	}
	for _, tt := range tests {
		t.Run(tt.name, func(t *testing.T) {
			_, err := ReadWeights("weights.csv", []byte(tt.text), defs)
			var ie *position.Error
			if !errors.As(err, &ie) || !errors.Is(err, ErrWeights) {
				t.Fatalf("got %v, want a *position.Error of kind ErrWeights", err)
			}
			if ie.File != "weights.csv" || ie.Line != tt.line || !strings.Contains(err.Error(), tt.contains) {
				t.Errorf("got %q at line %d; want line %d and %q", err, ie.Line, tt.line, tt.contains)
			}
		})
	}
}

func count(t testing.TB, s *store.Store, table string) int {
	t.Helper()
	var n int
	if err := s.DB.QueryRow("SELECT count(*) FROM " + table).Scan(&n); err != nil {
		t.Fatal(err)
	}
	return n
}
