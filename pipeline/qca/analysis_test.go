package qca

import (
	"context"
	"encoding/json"
	"errors"
	"math"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/position"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// The analyses obs ships all parse, each with an outcome, conditions and an
// explanation.
func TestShippedAnalyses(t *testing.T) {
	as, err := Analyses()
	if err != nil {
		t.Fatal(err)
	}
	if len(as) < 2 {
		t.Fatalf("%d analyses shipped, want at least 2", len(as))
	}
	for _, a := range as {
		if len(a.Conditions()) < 2 || a.Doc == "" || a.Label == "" || !strings.HasPrefix(a.File, "queries/qca/") {
			t.Errorf("%s: conditions %v, doc %q, label %q, file %s", a.Name, a.Conditions(), a.Doc, a.Label, a.File)
		}
	}
}

const lipsetAnalysis = `-- name: lipset
-- label: Lipset's fuzzy data from a table
-- outcome: SURV
-- column: SURV membership: survival
-- column: DEV membership: development
-- column: URB membership: urbanisation
-- column: LIT membership: literacy
-- column: IND membership: industrialisation
-- column: STB membership: stability
-- dir_exp: DEV, URB, LIT, IND, STB
-- incl_cut: 0.7
SELECT "case" AS area_id, 2021 AS period, DEV, URB, LIT, IND, STB, SURV
FROM read_csv('testdata/lipset_fuzzy.csv')
UNION ALL SELECT 'XX', 2021, NULL, 0.5, 0.5, 0.5, 0.5, 0.5
UNION ALL SELECT 'YY', 2020, 0.1, 0.2, 0.3, 0.4, 0.6, 0.7`

// An analysis run from the database gives what the same data gives from a
// CSV (the path QCA's published results are held to), leaving out the case
// with a missing value, with a note, and the other period's case.
func TestRunAnalysisMatchesCSV(t *testing.T) {
	ctx := context.Background()
	st, err := store.Open(ctx, filepath.Join(t.TempDir(), "obs.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	a, err := ParseAnalysis("lipset.sql", lipsetAnalysis)
	if err != nil {
		t.Fatal(err)
	}
	run, err := RunAnalysis(ctx, st.DB, a, RunOptions{})
	if err != nil {
		t.Fatal(err)
	}
	if run.Period != 2021 || len(run.Periods) != 2 {
		t.Errorf("period %v of %v, want 2021 of two", run.Period, run.Periods)
	}
	if len(run.Report.Notes) == 0 || run.Report.Notes[0] != "XX is left out: it has no value for DEV" {
		t.Errorf("notes %q, want XX left out first", run.Report.Notes)
	}
	tt := load(t, "lipset_fuzzy.csv", "SURV", "DEV,URB,LIT,IND,STB", cuts(0.7))
	dir, _ := ParseDirExp("DEV,URB,LIT,IND,STB", tt.Data.Conditions)
	res, err := Minimize(tt, Options{DirExp: dir})
	if err != nil {
		t.Fatal(err)
	}
	want, _ := json.Marshal(NewReport(res, nil, nil).Solutions)
	got, _ := json.Marshal(run.Report.Solutions)
	if string(got) != string(want) {
		t.Errorf("solutions from the database:\n%s\nfrom the CSV:\n%s", got, want)
	}
}

// Crisp and direct columns calibrate as their header says.
func TestAnalysisColumns(t *testing.T) {
	a, err := ParseAnalysis("x.sql", "-- name: x\n-- label: x\n-- outcome: Y\n-- column: Y direct 10, 5, 0: low is in\n-- column: A crisp 3: a\n-- column: B crisp below 2: b\nSELECT 1")
	if err != nil {
		t.Fatal(err)
	}
	y, ca, cb := a.Column("Y"), a.Column("A"), a.Column("B")
	if got := y.Membership(0, LogOddsQCA); got < 0.949 || got > 0.951 {
		t.Errorf("Y at 0 (inclusion, descending) = %g, want 0.95", got)
	}
	if ca.Membership(3, "") != 1 || ca.Membership(2.9, "") != 0 || cb.Membership(1, "") != 1 || cb.Membership(2, "") != 0 {
		t.Errorf("crisp memberships wrong: %+v %+v", ca, cb)
	}
	if got := strings.Join(a.Conditions(), ","); got != "A,B" {
		t.Errorf("conditions %s, want A,B", got)
	}
}

// A header that cannot be read is refused at its line, saying what to write.
func TestAnalysisBadHeader(t *testing.T) {
	head := "-- name: x\n-- label: x\n-- outcome: Y\n-- column: Y membership: y\n"
	for _, c := range []struct {
		text, want string
		line       int
	}{
		{head + "-- column: A direct 1, 2: a\nSELECT 1", "three numbers", 5},
		{head + "-- column: A direct 3, 2, 2.5: a\nSELECT 1", "out of order", 5},
		{head + "-- column: A membership: a\n-- dir_exp: Z\nSELECT 1", "dir_exp", 6},
		{head + "SELECT 1", "no condition", 4},
		{"-- name: x\n-- label: x\n-- column: A membership: a\nSELECT 1", "no -- outcome:", 1},
		{head + "-- column: A membership: a\n-- incl_cut: high\nSELECT 1", "not a number", 6},
	} {
		_, err := ParseAnalysis("x.sql", c.text)
		var pe *position.Error
		if err == nil || !strings.Contains(err.Error(), c.want) || !errors.As(err, &pe) || pe.Line != c.line || !errors.Is(err, ErrInput) {
			t.Errorf("%q: got %v, want %q at line %d", c.text, err, c.want, c.line)
		}
	}
}

// A term's XY plot holds each case's membership in the term and the
// outcome; its deviant cases are in the term but out of the outcome.
func TestXY(t *testing.T) {
	tt := load(t, "lipset_fuzzy.csv", "SURV", "DEV,URB,LIT,IND,STB", cuts(0.7))
	res, err := Minimize(tt, Options{Solutions: []string{Parsimonious}})
	if err != nil {
		t.Fatal(err)
	}
	xys := res.XY()
	if len(xys) != 1 || xys[0].Term != "DEV*STB" {
		t.Fatalf("terms %+v, want DEV*STB alone", xys)
	}
	st, xy := tt.Data, xys[0]
	var deviant []string
	for i, c := range st.Cases {
		x := math.Min(st.Members[0][i], st.Members[4][i])
		if xy.X[i] != x || xy.Y[i] != st.Y[i] {
			t.Errorf("%s: (%g, %g), want (%g, %g)", c, xy.X[i], xy.Y[i], x, st.Y[i])
		}
	}
	// Lipset's data has no deviant case for DEV*STB: make two.
	xy.Y = append([]float64(nil), xy.Y...)
	for i, c := range st.Cases {
		if c == "BE" || c == "AU" {
			xy.Y[i] = 0.2
		}
		if xy.X[i] > 0.5 && xy.Y[i] < 0.5 {
			deviant = append(deviant, c)
		}
	}
	if got := strings.Join(xy.Deviant(), ","); got != strings.Join(deviant, ",") || got == "" {
		t.Errorf("deviant %q, want %q (and at least one)", got, strings.Join(deviant, ","))
	}
}
