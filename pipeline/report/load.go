package report

import (
	"context"
	"database/sql"
	"fmt"
)

// Load reads every table the packs need, one query per table.
func Load(ctx context.Context, db *sql.DB) (*Data, error) {
	d := &Data{}
	q := func(query string, scan func(*sql.Rows) error) error {
		rows, err := db.QueryContext(ctx, query)
		if err != nil {
			return fmt.Errorf("reading the database: %w", err)
		}
		defer rows.Close()
		for rows.Next() {
			if err := scan(rows); err != nil {
				return fmt.Errorf("reading the database: %w", err)
			}
		}
		return rows.Err()
	}
	var ns nullStrings
	steps := []struct {
		query string
		scan  func(*sql.Rows) error
	}{
		{`SELECT area_id, name, local_authority, region, population, households, coalesce(synthetic, false) FROM areas ORDER BY area_id`,
			func(r *sql.Rows) error {
				var a Area
				err := r.Scan(&a.ID, &a.Name, ns.s(&a.LocalAuthority), ns.s(&a.Region), &a.Population, &a.Households, &a.Synthetic)
				ns.flush()
				d.Areas = append(d.Areas, a)
				return err
			}},
		{`SELECT area_id, period, definition, label, resident_def, value, unit, direction, base, base_label, missing_reason,
			note, minmax, z, rank, percentile, n_areas, coverage, covered FROM scores ORDER BY period, definition, resident_def, area_id`,
			func(r *sql.Rows) error {
				var s Score
				err := r.Scan(&s.Area, &s.Period, &s.Definition, ns.s(&s.Label), ns.s(&s.ResidentDef), &s.Value, ns.s(&s.Unit),
					ns.s(&s.Direction), &s.Base, ns.s(&s.BaseLabel), ns.s(&s.Missing), ns.s(&s.Note), &s.MinMax, &s.Z, &s.Rank,
					&s.Percentile, &s.NAreas, &s.Coverage, ns.s(&s.Covered))
				ns.flush()
				d.Scores = append(d.Scores, s)
				return err
			}},
		// The definitions in the order scoring wrote them (their headers'
		// order), the composite last.
		{`SELECT definition FROM scores GROUP BY definition ORDER BY definition = 'all', min(rowid)`,
			func(r *sql.Rows) error {
				var id string
				err := r.Scan(&id)
				d.defOrder = append(d.defOrder, id)
				return err
			}},
		{`SELECT period, resident_def, def_a, def_b, tau, coalesce(n, 0) FROM agreement ORDER BY period, resident_def, def_a, def_b`,
			func(r *sql.Rows) error {
				var a Agreement
				err := r.Scan(&a.Period, ns.s(&a.ResidentDef), &a.A, &a.B, &a.Tau, &a.N)
				ns.flush()
				d.Agreement = append(d.Agreement, a)
				return err
			}},
		{`SELECT area_id, period, rank, median_rank, rank_p05, rank_p95, coalesce(draws, 0), coalesce(ranked, false), coalesce(n_areas, 0)
			FROM uncertainty ORDER BY period, median_rank NULLS LAST, area_id`,
			func(r *sql.Rows) error {
				var u Uncertainty
				err := r.Scan(&u.Area, &u.Period, &u.Rank, &u.Median, &u.P05, &u.P95, &u.Draws, &u.Ranked, &u.NAreas)
				d.Uncertainty = append(d.Uncertainty, u)
				return err
			}},
		{`SELECT area_id, period, model, indicator, label, value, full_non_membership, crossover, full_membership, membership,
			contribution, missing_reason FROM indicators ORDER BY area_id, period, model, indicator`,
			func(r *sql.Rows) error {
				var i Indicator
				err := r.Scan(&i.Area, &i.Period, &i.Model, &i.Indicator, ns.s(&i.Label), &i.Value, &i.NonMember, &i.Cross,
					&i.FullMemb, &i.Membership, &i.Contribution, ns.s(&i.Missing))
				ns.flush()
				d.Indicators = append(d.Indicators, i)
				return err
			}},
		{`SELECT area_id, period, model, model_name, membership, coalesce(indicators, 0), coalesce(codes, 0) FROM memberships ORDER BY area_id, period, model`,
			func(r *sql.Rows) error {
				var m Membership
				err := r.Scan(&m.Area, &m.Period, &m.Model, ns.s(&m.ModelName), &m.Membership, &m.Indicators, &m.Codes)
				ns.flush()
				d.Memberships = append(d.Memberships, m)
				return err
			}},
		{`SELECT area_id, period, computed_label, label, override_label, override_rationale, override_by, m1, m2, m3, top_model,
			margin, evidence FROM classifications ORDER BY area_id, period`,
			func(r *sql.Rows) error {
				var c Classification
				err := r.Scan(&c.Area, &c.Period, ns.s(&c.Computed), ns.s(&c.Label), ns.s(&c.OverrideLabel), ns.s(&c.Rationale),
					ns.s(&c.By), &c.M1, &c.M2, &c.M3, &c.TopModel, &c.Margin, ns.s(&c.Evidence))
				ns.flush()
				d.Classifications = append(d.Classifications, c)
				return err
			}},
		{`SELECT area_id, period, tag_type, tag, coalesce(codes, 0), coalesce(projects, 0), evidence FROM approaches ORDER BY area_id, period, tag_type, tag`,
			func(r *sql.Rows) error {
				var a Approach
				err := r.Scan(&a.Area, &a.Period, ns.s(&a.TagType), ns.s(&a.Tag), &a.Codes, &a.Projects, ns.s(&a.Evidence))
				ns.flush()
				d.Approaches = append(d.Approaches, a)
				return err
			}},
		{`SELECT area_id, period, source, source_type, participant, participant_role, code, excerpt, load_id, source_sheet, source_row
			FROM interview_codes ORDER BY area_id, code, period, source, source_row`,
			func(r *sql.Rows) error {
				var s Segment
				err := r.Scan(&s.Area, &s.Period, ns.s(&s.Source), ns.s(&s.SourceType), ns.s(&s.Participant), ns.s(&s.Role),
					ns.s(&s.Code), ns.s(&s.Excerpt), &s.LoadID, ns.s(&s.Sheet), &s.Row)
				ns.flush()
				d.Segments = append(d.Segments, s)
				return err
			}},
		{`SELECT code, target_type, target, pattern, coalesce(segments, 0) FROM code_mapping ORDER BY code, target_type, target`,
			func(r *sql.Rows) error {
				var m Mapping
				err := r.Scan(&m.Code, ns.s(&m.TargetType), ns.s(&m.Target), ns.s(&m.Pattern), &m.Segments)
				ns.flush()
				d.Mappings = append(d.Mappings, m)
				return err
			}},
		{`SELECT p.load_id, l.file, l.sha256, p.kind, p.area_id, p.period, p.sheet, p.first_row, p.last_row, coalesce(p.rows, 0),
			p.superseded_by, l.loaded_at
			FROM load_parts p JOIN loads l USING (load_id) ORDER BY p.area_id, p.kind, p.period, p.load_id, p.sheet`,
			func(r *sql.Rows) error {
				var p Part
				err := r.Scan(&p.LoadID, ns.s(&p.File), ns.s(&p.SHA256), &p.Kind, ns.s(&p.Area), &p.Period, ns.s(&p.Sheet),
					&p.FirstRow, &p.LastRow, &p.Rows, &p.SupersededBy, ns.s(&p.LoadedAt))
				ns.flush()
				d.Parts = append(d.Parts, p)
				return err
			}},
		{`SELECT load_id, file, sheet, "row", col, column_name, kind, area_id, error_type, message, raw FROM quarantine
			ORDER BY area_id, load_id, sheet, "row", col`,
			func(r *sql.Rows) error {
				var x Quarantined
				err := r.Scan(&x.LoadID, ns.s(&x.File), ns.s(&x.Sheet), &x.Row, ns.s(&x.Col), ns.s(&x.Column), ns.s(&x.Kind),
					ns.s(&x.Area), ns.s(&x.ErrorType), ns.s(&x.Message), ns.s(&x.Raw))
				ns.flush()
				d.Quarantine = append(d.Quarantine, x)
				return err
			}},
		{`SELECT key, value FROM score_settings ORDER BY key`, func(r *sql.Rows) error {
			var s Setting
			err := r.Scan(&s.Key, ns.s(&s.Value))
			ns.flush()
			d.ScoreSettings = append(d.ScoreSettings, s)
			return err
		}},
		{`SELECT key, value FROM classify_settings ORDER BY key`, func(r *sql.Rows) error {
			var s Setting
			err := r.Scan(&s.Key, ns.s(&s.Value))
			ns.flush()
			d.ClassifySettings = append(d.ClassifySettings, s)
			return err
		}},
	}
	for _, st := range steps {
		if err := q(st.query, st.scan); err != nil {
			return nil, err
		}
	}
	if len(d.Scores) == 0 {
		return nil, ErrNoScores
	}
	d.index()
	return d, nil
}

// nullStrings scans nullable text columns into plain strings ("" for NULL).
type nullStrings struct {
	pending []struct {
		dst *string
		src *sql.NullString
	}
}

func (n *nullStrings) s(dst *string) *sql.NullString {
	src := new(sql.NullString)
	n.pending = append(n.pending, struct {
		dst *string
		src *sql.NullString
	}{dst, src})
	return src
}

func (n *nullStrings) flush() {
	for _, p := range n.pending {
		*p.dst = p.src.String
	}
	n.pending = n.pending[:0]
}
