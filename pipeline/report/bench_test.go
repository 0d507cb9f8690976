package report

import (
	"context"
	"path/filepath"
	"testing"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/store"
)

// bigFixture is a database of n synthetic areas over three periods with every
// result table filled as 'obs score' and 'obs classify' would, and returns,
// provenance, quarantine and interview segments in realistic numbers.
func bigFixture(b *testing.B, n int) string {
	b.Helper()
	path := filepath.Join(b.TempDir(), "big.duckdb")
	st, err := store.Open(context.Background(), path)
	if err != nil {
		b.Fatal(err)
	}
	defer st.Close()
	db := st.DB
	exec(b, db,
		`CREATE TEMP TABLE a AS SELECT i, 'area-' || lpad(i::VARCHAR, 3, '0') AS id FROM range(`+itoa(int64(n))+`) t(i)`,
		`DELETE FROM areas`,
		`INSERT INTO areas (area_id, name, local_authority, region, population, households, synthetic)
		 SELECT id, 'Area ' || i, 'Council ' || (i % 40), 'Region ' || (i % 9), 4000 + (i * 37) % 9000, 2000 + (i * 17) % 4000, true FROM a`,
		`CREATE TEMP TABLE p AS SELECT * FROM (VALUES (2019), (2020), (2021)) t(period)`,
		`CREATE TEMP TABLE d AS SELECT * FROM (VALUES
		   ('composition', 'Residents on the partnership', '% of voting members', true),
		   ('turnout', 'Residents turning up to events', 'resident attendances per 1,000 population', false),
		   ('consultation', 'Responses to consultations', 'responses per 1,000 population', false),
		   ('volunteering', 'Local volunteering', 'volunteer hours per 1,000 population', true),
		   ('social_media', 'Following and responding on social media', 'followers and responses per 1,000 population', false),
		   ('new_projects', 'New projects started by residents', 'new projects', true),
		   ('local_support', 'Support from local groups and councils', 'distinct supporters', false),
		   ('lto_local', 'A local, resident-run LTO', 'points out of 4', false),
		   ('all', 'All of the above (composite)', '0-100 composite', true)) t(def, label, unit, byres)`,
		`CREATE TEMP TABLE r AS SELECT * FROM (VALUES ('R1'), ('R2'), ('R3')) t(rd)`,
		`INSERT INTO scores (score_id, area_id, period, definition, label, resident_def, value, unit, direction, base, base_label,
		   missing_reason, note, minmax, z, rank, percentile, n_areas, coverage, covered)
		 SELECT a.id || '/' || p.period || '/' || d.def || '/' || coalesce(r.rd, '-'), a.id, p.period, d.def, d.label, coalesce(r.rd, '-'),
		   CASE WHEN hash(a.i, p.period, d.def) % 17 = 0 THEN NULL ELSE (hash(a.i, p.period, d.def, r.rd) % 10000) / 100.0 END,
		   d.unit, 'higher', 5000, 'population',
		   CASE WHEN hash(a.i, p.period, d.def) % 17 = 0 THEN 'no return for this period' END, NULL,
		   (hash(a.i, p.period, d.def, r.rd) % 101)::DOUBLE, 0.1, 1 + hash(a.i, d.def, r.rd, p.period) % `+itoa(int64(n))+`, 50, `+itoa(int64(n))+`,
		   CASE WHEN d.def = 'all' THEN 0.9 END, CASE WHEN d.def = 'all' THEN 'composition, turnout, consultation' END
		 FROM a, p, d LEFT JOIN r ON d.byres`,
		`INSERT INTO agreement SELECT p.period || '/R1/' || x.def || '/' || y.def, p.period, 'R1', x.def, y.def, (hash(x.def, y.def) % 200) / 100.0 - 1, `+itoa(int64(n))+`
		 FROM p, d x, d y WHERE x.def < y.def`,
		`INSERT INTO uncertainty SELECT a.id || '/' || p.period, a.id, p.period, 1 + a.i, 1 + a.i, greatest(1, a.i - 10), least(`+itoa(int64(n))+`, a.i + 12), 1000, a.i % 3 = 0, `+itoa(int64(n))+` FROM a, p`,
		`INSERT INTO indicators SELECT a.id || '/' || p.period || '/' || m || '/' || k, a.id, p.period, m, 'ind_' || m || '_' || k,
		   'indicator ' || k || ' of model ' || m, (hash(a.i, m, k) % 100) / 10.0, 0, 5, 10, (hash(a.i, m, k, p.period) % 100) / 100.0, 0.1, NULL
		 FROM a, p, range(1, 4) t(m), range(1, 4) u(k)`,
		`INSERT INTO memberships SELECT a.id || '/' || p.period || '/' || m, a.id, p.period, m,
		   CASE m WHEN 1 THEN 'partnership as executive' WHEN 2 THEN 'dispersed working groups' ELSE 'enabling' END,
		   (hash(a.i, m, p.period) % 100) / 100.0, 3, 4 FROM a, p, range(1, 4) t(m)`,
		`INSERT INTO classifications SELECT a.id || '/' || p.period, a.id, p.period, 'model ' || (1 + a.i % 3), 'model ' || (1 + a.i % 3),
		   NULL, NULL, NULL, 0.2, 0.7, 0.3, 1 + a.i % 3, 0.4, 'working groups with delegated power: membership 0.95' FROM a, p`,
		`INSERT INTO approaches SELECT a.id || '/' || p.period || '/' || t, a.id, p.period, 'approach', t, 3, 2, 'an excerpt or a project'
		 FROM a, p, (VALUES ('capacity building'), ('resident voice'), ('neighbourliness')) v(t)`,
		`INSERT INTO code_mapping VALUES ('m1', 'Leadership/Partnership', 'model', '1', 'Leadership/Partnership*', 1),
		   ('m2', 'Leadership/Working groups', 'model', '2', 'Leadership/Working groups*', 1), ('m3', 'Approach/Small grants', 'model', '3', 'Approach/Small grants', 1)`,
		`INSERT INTO loads SELECT i, 'returns-' || i || '.xlsx', sha256(i::VARCHAR), 'Events, Partnership', 'events, partnership', 1000, 990, 10, 0, 2, 1001,
		   '2024-05-01T10:00:00Z', 'p-user', NULL FROM range(1, 31) t(i)`,
		`INSERT INTO load_parts SELECT l || '/' || k || '/' || a.id || '/' || p.period, l, k, a.id, p.period, upper(k[1]) || k[2:], 2 + a.i * 5, 6 + a.i * 5, 5, NULL
		 FROM a, p, (VALUES ('events', 1), ('partnership', 2), ('volunteering', 3), ('projects', 4), ('decisions', 5), ('interview_codes', 6)) v(k, l)`,
		`INSERT INTO quarantine SELECT '1/Events/' || a.i, 1, 'returns-1.xlsx', 'Events', 10 + a.i, 'E', 'attendees', 'events', a.id, 'type-error',
		   'returns-1.xlsx:Events!E' || (10 + a.i) || ': "twelve" is not a number (column attendees)', '{"attendees":"twelve"}' FROM a`,
		`INSERT INTO interview_codes_history (load_id, source_sheet, source_row, area_id, period, source, code, source_type, participant, participant_role, excerpt)
		 SELECT 6, 'Codes', 2 + s, a.id, 2019 + s % 3, 'Interview ' || (s % 8),
		   CASE s % 4 WHEN 0 THEN 'Leadership/Partnership' WHEN 1 THEN 'Leadership/Working groups' WHEN 2 THEN 'Approach/Small grants' ELSE 'Misc/Weather' END,
		   'interview', 'P-' || (s % 11), 'resident', 'The working group decides its own budget now, and the partnership signs it off. Segment ' || s
		 FROM a, range(40) t(s)`,
		`INSERT INTO score_settings VALUES ('normalisation', 'minmax'), ('seed', '1'), ('draws', '1000')`,
		`INSERT INTO classify_settings VALUES ('margin', '0.1')`,
	)
	return path
}

// BenchmarkPacks renders HTML and XLSX packs for 150 areas, reading the
// database once, and reports the time per area (target: under 200 ms).
func BenchmarkPacks(b *testing.B) {
	const n = 150
	path := bigFixture(b, n)
	out := b.TempDir()
	b.ReportAllocs()
	b.ResetTimer()
	start := time.Now()
	for b.Loop() {
		st, err := store.OpenReadOnly(context.Background(), path)
		if err != nil {
			b.Fatal(err)
		}
		d, err := Load(context.Background(), st.DB)
		st.Close()
		if err != nil {
			b.Fatal(err)
		}
		ids := make([]string, 0, n)
		for _, a := range d.ScoredAreas() {
			ids = append(ids, a.ID)
		}
		if len(ids) != n {
			b.Fatalf("%d areas with scores, want %d", len(ids), n)
		}
		if _, err := d.WriteFiles(context.Background(), ids, fixedOpt, out, nil); err != nil {
			b.Fatal(err)
		}
	}
	b.ReportMetric(float64(time.Since(start).Milliseconds())/float64(b.N*n), "ms/area")
}
