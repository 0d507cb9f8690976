package report

import (
	"context"
	"database/sql"
	"fmt"
	"path/filepath"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/store"
)

// insert adds rows to table in one statement.
func insert(t testing.TB, db *sql.DB, table, cols string, rows ...[]any) {
	t.Helper()
	if len(rows) == 0 {
		return
	}
	n := len(strings.Split(cols, ","))
	ph := "(" + strings.TrimSuffix(strings.Repeat("?,", n), ",") + ")"
	var args []any
	vals := make([]string, len(rows))
	for i, r := range rows {
		if len(r) != n {
			t.Fatalf("%s: row %d has %d values for %d columns", table, i, len(r), n)
		}
		vals[i] = ph
		args = append(args, r...)
	}
	q := fmt.Sprintf("INSERT INTO %s (%s) VALUES %s", table, cols, strings.Join(vals, ","))
	if _, err := db.Exec(q, args...); err != nil {
		t.Fatalf("%s: %v", table, err)
	}
}

func exec(t testing.TB, db *sql.DB, qs ...string) {
	t.Helper()
	for _, q := range qs {
		if _, err := db.Exec(q); err != nil {
			t.Fatalf("%s: %v", q, err)
		}
	}
}

// fixture is a tiny database: three synthetic areas, two periods, every
// result table filled by hand. The excerpts and a quarantine message carry
// markup and a formula, to test escaping.
func fixture(t testing.TB) string {
	t.Helper()
	path := filepath.Join(t.TempDir(), "obs.duckdb")
	st, err := store.Open(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	db := st.DB
	exec(t, db, `DELETE FROM areas WHERE area_id NOT IN ('birchfield', 'hanwell', 'westfield')`,
		`UPDATE areas SET synthetic = true, population = CASE area_id WHEN 'birchfield' THEN 9200 WHEN 'hanwell' THEN 7400 ELSE 6100 END,
		 households = CASE area_id WHEN 'birchfield' THEN 3900 WHEN 'hanwell' THEN 3100 ELSE 2600 END`)
	insert(t, db, "loads", "load_id, file, sha256, sheets, kinds, rows_read, rows_loaded, rows_quarantined, rows_blank, first_row, last_row, loaded_at, loaded_by, superseded_by",
		[]any{1, "partnership-2020.xlsx", strings.Repeat("a1", 32), "Partnership", "partnership", 12, 12, 0, 0, 2, 13, "2024-05-01T10:00:00Z", "p-user", nil},
		[]any{2, "events-all.xlsx", strings.Repeat("b2", 32), "Events", "events", 9, 8, 1, 0, 2, 10, "2024-05-01T10:01:00Z", "p-user", nil},
		[]any{3, "codes.xlsx", strings.Repeat("c3", 32), "Codes", "interview_codes", 4, 4, 0, 0, 2, 5, "2024-05-01T10:02:00Z", "p-user", nil},
		[]any{4, "partnership-2020-v2.xlsx", strings.Repeat("d4", 32), "Partnership", "partnership", 4, 4, 0, 0, 2, 5, "2024-05-02T09:00:00Z", "p-user", nil},
	)
	insert(t, db, "load_parts", "part_id, load_id, kind, area_id, period, sheet, first_row, last_row, rows, superseded_by",
		[]any{"1/partnership/birchfield/2020", 1, "partnership", "birchfield", 2020, "Partnership", 2, 5, 4, 4},
		[]any{"1/partnership/hanwell/2020", 1, "partnership", "hanwell", 2020, "Partnership", 6, 9, 4, nil},
		[]any{"1/partnership/westfield/2020", 1, "partnership", "westfield", 2020, "Partnership", 10, 13, 4, nil},
		[]any{"4/partnership/birchfield/2020", 4, "partnership", "birchfield", 2020, "Partnership", 2, 5, 4, nil},
		[]any{"2/events/birchfield/2020", 2, "events", "birchfield", 2020, "Events", 2, 4, 3, nil},
		[]any{"2/events/birchfield/2021", 2, "events", "birchfield", 2021, "Events", 5, 6, 2, nil},
		[]any{"2/events/hanwell/2021", 2, "events", "hanwell", 2021, "Events", 7, 9, 3, nil},
		[]any{"3/interview_codes/birchfield/2021", 3, "interview_codes", "birchfield", 2021, "Codes", 2, 5, 4, nil},
	)
	insert(t, db, "replacements", "replacement_id, load_id, kind, area_id, period, replaced_load, replaced_rows, rows, reason",
		[]any{"4/partnership/birchfield/2020/1", 4, "partnership", "birchfield", 2020, 1, 4, 4, "corrected"},
	)
	insert(t, db, "quarantine", "quarantine_id, load_id, file, sheet, row, col, column_name, kind, area_id, error_type, message, raw",
		[]any{"2/Events/10/E", 2, "events-all.xlsx", "Events", 10, "E", "attendees", "events", "birchfield", "type-error",
			`events-all.xlsx:Events!E10: "=1+1" is not a number (column attendees)`, `{"attendees":"=1+1","event":"<b>Fun day</b>"}`},
	)
	insert(t, db, "interview_codes_history", "load_id, source_sheet, source_row, area_id, period, source, code, source_type, participant, participant_role, excerpt, superseded_by",
		[]any{3, "Codes", 2, "birchfield", 2021, "Interview 1", "Leadership/Working groups", "interview", "P-7f3a", "resident", "We set up our own group <script>alert(1)</script> and it runs itself.", nil},
		[]any{3, "Codes", 3, "birchfield", 2021, "Interview 2", "Leadership/Working groups", "interview", "P-19bc", "partnership member", "The housing group decides its own budget.", nil},
		[]any{3, "Codes", 4, "birchfield", 2021, "Focus group", "Resident voice", "focus group", "P-22d0", "resident", "=HYPERLINK(\"http://x\") people feel heard", nil},
		[]any{3, "Codes", 5, "birchfield", 2021, "Interview 1", "Leadership/Partnership/Recruitment", "interview", "P-7f3a", "resident", "Finding new members is hard.", nil},
	)
	insert(t, db, "code_mapping", "mapping_id, code, target_type, target, pattern, segments",
		[]any{"a", "Leadership/Working groups", "model", "2", "Leadership/Working groups*", 2},
		[]any{"b", "Leadership/Partnership/Recruitment", "model", "1", "Leadership/Partnership/*", 1},
		[]any{"c", "Resident voice", "approach", "resident voice", "Resident voice", 1},
	)
	type sc struct {
		area, def, rd string
		period        int
		value, minmax any
		rank          any
		missing, note string
		coverage      any
		covered       string
	}
	defs := map[string][4]string{ // label, unit, direction, base label
		"composition": {"Residents on the partnership", "% of voting members", "higher", "voting members"},
		"turnout":     {"Residents turning up to events", "resident attendances per 1,000 population", "higher", "population"},
		"all":         {"All of the above", "0-100 composite", "higher", ""},
	}
	scores := []sc{
		{"birchfield", "composition", "R1", 2020, 62.5, 100.0, 1, "", "", nil, ""},
		{"hanwell", "composition", "R1", 2020, 40.0, 0.0, 3, "", "below the programme rule: fewer than half the voting members are residents", nil, ""},
		{"westfield", "composition", "R1", 2020, 50.0, 44.4, 2, "", "", nil, ""},
		{"birchfield", "composition", "R2", 2020, 50.0, 100.0, 1, "", "", nil, ""},
		{"hanwell", "composition", "R2", 2020, 30.0, 0.0, 3, "", "", nil, ""},
		{"westfield", "composition", "R2", 2020, 45.0, 75.0, 2, "", "", nil, ""},
		{"birchfield", "turnout", "-", 2020, 12.1, 0.0, 2, "", "", nil, ""},
		{"hanwell", "turnout", "-", 2020, 31.4, 100.0, 1, "", "", nil, ""},
		{"westfield", "turnout", "-", 2020, nil, nil, nil, "no events return for this period", "", nil, ""},
		{"birchfield", "all", "R1", 2020, 50.0, nil, 1, "", "", 1.0, "composition, turnout"},
		{"hanwell", "all", "R1", 2020, 50.0, nil, 1, "", "", 1.0, "composition, turnout"},
		{"westfield", "all", "R1", 2020, 44.4, nil, 3, "", "", 0.5, "composition"},
		{"birchfield", "composition", "R1", 2021, 70.0, 100.0, 1, "", "", nil, ""},
		{"hanwell", "composition", "R1", 2021, 45.0, 0.0, 2, "", "", nil, ""},
		{"birchfield", "composition", "R2", 2021, 55.0, 100.0, 1, "", "", nil, ""},
		{"hanwell", "composition", "R2", 2021, 35.0, 0.0, 2, "", "", nil, ""},
		{"birchfield", "turnout", "-", 2021, 8.7, 0.0, 2, "", "", nil, ""},
		{"hanwell", "turnout", "-", 2021, 20.2, 100.0, 1, "", "", nil, ""},
		{"birchfield", "all", "R1", 2021, 50.0, nil, 1, "", "", 1.0, "composition, turnout"},
		{"hanwell", "all", "R1", 2021, 50.0, nil, 1, "", "", 1.0, "composition, turnout"},
	}
	var rows [][]any
	nAreas := map[string]int{}
	for _, s := range scores {
		if s.value != nil {
			nAreas[fmt.Sprint(s.period, s.def, s.rd)]++
		}
	}
	for _, s := range scores {
		d := defs[s.def]
		base := any(nil)
		if s.def == "turnout" {
			base = 9200.0
		}
		if s.def == "composition" {
			base = 8.0
		}
		var n any
		if s.value != nil {
			n = nAreas[fmt.Sprint(s.period, s.def, s.rd)]
		}
		rows = append(rows, []any{fmt.Sprintf("%s/%d/%s/%s", s.area, s.period, s.def, s.rd), s.area, s.period, s.def, d[0], s.rd, s.value,
			d[1], d[2], base, d[3], s.missing, s.note, s.minmax, nil, s.rank, nil, n, s.coverage, s.covered})
	}
	insert(t, db, "scores", "score_id, area_id, period, definition, label, resident_def, value, unit, direction, base, base_label, missing_reason, note, minmax, z, rank, percentile, n_areas, coverage, covered", rows...)
	insert(t, db, "agreement", "agreement_id, period, resident_def, def_a, def_b, tau, n",
		[]any{"2020/R1/composition/turnout", 2020, "R1", "composition", "turnout", -1.0, 2})
	insert(t, db, "uncertainty", "uncertainty_id, area_id, period, rank, median_rank, rank_p05, rank_p95, draws, ranked, n_areas",
		[]any{"birchfield/2020", "birchfield", 2020, 1, 1.0, 1.0, 2.0, 1000, true, 3},
		[]any{"hanwell/2020", "hanwell", 2020, 1, 2.0, 1.0, 3.0, 1000, false, 3},
		[]any{"westfield/2020", "westfield", 2020, 3, 3.0, 2.0, 3.0, 1000, true, 3},
		[]any{"birchfield/2021", "birchfield", 2021, 1, 1.0, 1.0, 2.0, 1000, false, 2},
		[]any{"hanwell/2021", "hanwell", 2021, 1, 2.0, 1.0, 2.0, 1000, false, 2},
	)
	insert(t, db, "indicators", "indicator_id, area_id, period, model, indicator, label, value, full_non_membership, crossover, full_membership, membership, contribution, missing_reason",
		[]any{"b/2021/1/pd", "birchfield", 2021, 1, "partnership_decisions", "share of decisions made by the partnership", 0.3, 0.2, 0.5, 0.8, 0.12, 0.12, ""},
		[]any{"b/2021/2/wg", "birchfield", 2021, 2, "delegated_groups", "working groups with delegated power", 3.0, 0.0, 1.0, 3.0, 0.95, 0.475, ""},
		[]any{"b/2021/2/np", "birchfield", 2021, 2, "non_partnership_members", "share of group members not on the partnership", 0.6, 0.1, 0.3, 0.6, 0.95, 0.475, ""},
		[]any{"b/2021/3/grants", "birchfield", 2021, 3, "grants_per_1000", "small grants per 1,000 population", nil, 0.5, 2.0, 5.0, nil, nil, "no grants return for this period"},
	)
	var mems [][]any
	var cls [][]any
	for _, a := range []string{"birchfield", "hanwell", "westfield"} {
		for _, p := range []int{2020, 2021} {
			if a == "westfield" && p == 2021 {
				continue
			}
			m := [3]float64{0.12, 0.95, 0.30}
			if a != "birchfield" || p == 2020 {
				m = [3]float64{0.6, 0.55, 0.2}
			}
			for i, name := range []string{"partnership as executive", "dispersed working groups", "enabling"} {
				mems = append(mems, []any{fmt.Sprintf("%s/%d/%d", a, p, i+1), a, p, i + 1, name, m[i], 2, 1})
			}
			label, top, margin, over, why, by := "model 2", 2, 0.65, "", "", ""
			if a != "birchfield" || p == 2020 {
				label, top, margin = "hybrid 1+2", 1, 0.05
			}
			computed := label
			if a == "hanwell" && p == 2021 {
				over, why, by, label = "model 3", "Small grants drive everything; the partnership rarely meets <really>.", "E-01", "model 3"
			}
			cls = append(cls, []any{fmt.Sprintf("%s/%d", a, p), a, p, computed, label, over, why, by, m[0], m[1], m[2], top, margin,
				"working groups with delegated power: membership 0.95"})
		}
	}
	insert(t, db, "memberships", "membership_id, area_id, period, model, model_name, membership, indicators, codes", mems...)
	insert(t, db, "classifications", "classification_id, area_id, period, computed_label, label, override_label, override_rationale, override_by, m1, m2, m3, top_model, margin, evidence", cls...)
	insert(t, db, "approaches", "approach_id, area_id, period, tag_type, tag, codes, projects, evidence",
		[]any{"b/2021/approach/voice", "birchfield", 2021, "approach", "resident voice", 1, 0, "=cmd|' /C calc'!A0"},
		[]any{"b/2021/focus/plan", "birchfield", 2021, "focus", "plan", 0, 3, "Community hub (project)"},
	)
	// Sensitivity indices (made up, not computed) and a robust pair, 2021.
	sens := func(area, factor string, first, total float64) []any {
		return []any{"2021/" + area + "/" + factor, 2021, area, factor, first, total, first - 0.05, first + 0.05, total - 0.05, total + 0.05, 1}
	}
	insert(t, db, "sensitivity", "sensitivity_id, period, area_id, factor, first_order, total_order, first_low, first_high, total_low, total_high, areas",
		sens("birchfield", "weights", 0.2, 0.3), sens("birchfield", "normalisation", 0.05, 0.1),
		sens("birchfield", "aggregation", 0.06, 0.08), sens("birchfield", "resident_def", 0.5, 0.55),
		sens("all", "weights", 0.6, 0.7), sens("all", "normalisation", 0.1, 0.15),
		sens("all", "aggregation", 0.06, 0.09), sens("all", "resident_def", 0.1, 0.2))
	insert(t, db, "rank_reversals", "reversal_id, period, area_a, area_b, a_above, b_above, draws, robust",
		[]any{"2021/birchfield/hanwell", 2021, "birchfield", "hanwell", 0.994, 0.006, 1000, true},
		[]any{"2021/westfield/hanwell", 2021, "westfield", "hanwell", 0.7, 0.3, 1000, false})
	insert(t, db, "score_settings", "key, value", []any{"normalisation", "minmax"}, []any{"aggregation", "arithmetic"}, []any{"seed", "1"}, []any{"draws", "1000"})
	insert(t, db, "classify_settings", "key, value", []any{"margin", "0.1"}, []any{"rubric", "default"})
	insert(t, db, "label_stability", "stability_id, area_id, period, label, share, draws, other_label, other_share, left_out, summary",
		[]any{"birchfield/2021", "birchfield", 2021, "model 2", 0.91, 1000, "hybrid 2+3", 0.09, "becomes hybrid 2+3 when small grants is left out",
			"model 2 in 91% of variations; else mostly hybrid 2+3 (9%); becomes hybrid 2+3 when small grants is left out"})
	insert(t, db, "code_agreement", "code, coders, units, percent_agreement, kappa, alpha, low, segments, segment_agreement",
		[]any{"Leadership/Working groups", 2, 12, 75, 0.42, 0.41, true, 9, 66.7},
		[]any{"Resident voice", 2, 12, 95, 0.8, 0.81, false, 3, 100},
		[]any{"Leadership/Other", 2, 12, 100, nil, nil, false, 0, nil},
		[]any{"all", 2, 36, 90, 0.62, 0.6, true, 12, 75},
	)
	return path
}

// loadFixture opens the fixture read-only and loads it.
func loadFixture(t testing.TB) (*Data, string) {
	t.Helper()
	path := fixture(t)
	st, err := store.OpenReadOnly(context.Background(), path)
	if err != nil {
		t.Fatal(err)
	}
	defer st.Close()
	d, err := Load(context.Background(), st.DB)
	if err != nil {
		t.Fatal(err)
	}
	return d, path
}
