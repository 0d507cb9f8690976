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
	steps := append(append(append(append(figureSteps(d, &ns), robustnessSteps(d)...), modelSteps(d, &ns)...), stabilityAgreementSteps(d, &ns)...), recordSteps(d, &ns)...)
	for _, st := range steps {
		if err := q(st.query, st.scan); err != nil {
			return nil, err
		}
	}
	if len(d.Scores) == 0 {
		return nil, ErrNoScores
	}
	var err error
	if d.QCA, err = loadQCA(ctx, db); err != nil {
		return nil, err
	}
	d.index()
	return d, nil
}

// loadStep is one table Load reads: its query and how one row is scanned
// into the Data.
type loadStep struct {
	query string
	scan  func(*sql.Rows) error
}

// figureSteps read the areas, their scores, the definitions' order, the
// definitions' agreement and the rank uncertainty.
func figureSteps(d *Data, ns *nullStrings) []loadStep {
	return []loadStep{
		{areasSQL,
			func(r *sql.Rows) error {
				var a Area
				err := r.Scan(&a.ID, &a.Name, ns.s(&a.LocalAuthority), ns.s(&a.Region), &a.Population, &a.Households, &a.Synthetic)
				ns.flush()
				d.Areas = append(d.Areas, a)
				return err
			}},
		{scoresSQL,
			func(r *sql.Rows) error {
				var s Score
				err := r.Scan(&s.Area, &s.Period, &s.Definition, ns.s(&s.Label), ns.s(&s.ResidentDef), &s.Value, ns.s(&s.Unit),
					ns.s(&s.Direction), &s.Base, ns.s(&s.BaseLabel), ns.s(&s.Missing), ns.s(&s.Note), &s.MinMax, &s.Z, &s.Rank,
					&s.Percentile, &s.NAreas, &s.Coverage, ns.s(&s.Covered), &s.Goalposts)
				ns.flush()
				d.Scores = append(d.Scores, s)
				return err
			}},
		// The definitions in the order scoring wrote them (their headers'
		// order), the composite last.
		{definitionOrderSQL,
			func(r *sql.Rows) error {
				var id string
				err := r.Scan(&id)
				d.defOrder = append(d.defOrder, id)
				return err
			}},
		{agreementSQL,
			func(r *sql.Rows) error {
				var a Agreement
				err := r.Scan(&a.Period, ns.s(&a.ResidentDef), &a.A, &a.B, &a.Tau, &a.N)
				ns.flush()
				d.Agreement = append(d.Agreement, a)
				return err
			}},
		{uncertaintySQL,
			func(r *sql.Rows) error {
				var u Uncertainty
				err := r.Scan(&u.Area, &u.Period, &u.Rank, &u.Median, &u.P05, &u.P95, &u.Draws, &u.Ranked, &u.NAreas)
				d.Uncertainty = append(d.Uncertainty, u)
				return err
			}},
	}
}

// modelSteps read the leadership models: indicators, memberships, the
// classification, and the coded evidence behind them.
func modelSteps(d *Data, ns *nullStrings) []loadStep {
	return []loadStep{
		{indicatorsSQL,
			func(r *sql.Rows) error {
				var i Indicator
				err := r.Scan(&i.Area, &i.Period, &i.Model, &i.Indicator, ns.s(&i.Label), &i.Value, &i.NonMember, &i.Cross,
					&i.FullMemb, &i.Membership, &i.Contribution, ns.s(&i.Missing))
				ns.flush()
				d.Indicators = append(d.Indicators, i)
				return err
			}},
		{membershipsSQL,
			func(r *sql.Rows) error {
				var m Membership
				err := r.Scan(&m.Area, &m.Period, &m.Model, ns.s(&m.ModelName), &m.Membership, &m.Indicators, &m.Codes)
				ns.flush()
				d.Memberships = append(d.Memberships, m)
				return err
			}},
		{classificationsSQL,
			func(r *sql.Rows) error {
				var c Classification
				err := r.Scan(&c.Area, &c.Period, ns.s(&c.Computed), ns.s(&c.Label), ns.s(&c.OverrideLabel), ns.s(&c.Rationale),
					ns.s(&c.By), &c.M1, &c.M2, &c.M3, &c.TopModel, &c.Margin, ns.s(&c.Evidence))
				ns.flush()
				d.Classifications = append(d.Classifications, c)
				return err
			}},
		{approachesSQL,
			func(r *sql.Rows) error {
				var a Approach
				err := r.Scan(&a.Area, &a.Period, ns.s(&a.TagType), ns.s(&a.Tag), &a.Codes, &a.Projects, ns.s(&a.Evidence))
				ns.flush()
				d.Approaches = append(d.Approaches, a)
				return err
			}},
		{segmentsSQL,
			func(r *sql.Rows) error {
				var s Segment
				err := r.Scan(&s.Area, &s.Period, ns.s(&s.Source), ns.s(&s.SourceType), ns.s(&s.Participant), ns.s(&s.Role),
					ns.s(&s.Code), ns.s(&s.Excerpt), &s.LoadID, ns.s(&s.Sheet), &s.Row)
				ns.flush()
				d.Segments = append(d.Segments, s)
				return err
			}},
		{mappingsSQL,
			func(r *sql.Rows) error {
				var m Mapping
				err := r.Scan(&m.Code, ns.s(&m.TargetType), ns.s(&m.Target), ns.s(&m.Pattern), &m.Segments)
				ns.flush()
				d.Mappings = append(d.Mappings, m)
				return err
			}},
	}
}

// recordSteps read the record of the run: the parts loaded, the rows
// quarantined and the settings of scoring and classifying.
func recordSteps(d *Data, ns *nullStrings) []loadStep {
	return []loadStep{
		{partsSQL,
			func(r *sql.Rows) error {
				var p Part
				err := r.Scan(&p.LoadID, ns.s(&p.File), ns.s(&p.SHA256), &p.Kind, ns.s(&p.Area), &p.Period, ns.s(&p.Sheet),
					&p.FirstRow, &p.LastRow, &p.Rows, &p.SupersededBy, ns.s(&p.LoadedAt), ns.s(&p.Replaces))
				ns.flush()
				d.Parts = append(d.Parts, p)
				return err
			}},
		{quarantineSQL,
			func(r *sql.Rows) error {
				var x Quarantined
				err := r.Scan(&x.LoadID, ns.s(&x.File), ns.s(&x.Sheet), &x.Row, ns.s(&x.Col), ns.s(&x.Column), ns.s(&x.Kind),
					ns.s(&x.Area), ns.s(&x.ErrorType), ns.s(&x.Message), ns.s(&x.Raw))
				ns.flush()
				d.Quarantine = append(d.Quarantine, x)
				return err
			}},
		{scoreSettingsSQL, func(r *sql.Rows) error {
			var s Setting
			err := r.Scan(&s.Key, ns.s(&s.Value))
			ns.flush()
			d.ScoreSettings = append(d.ScoreSettings, s)
			return err
		}},
		{classifySettingsSQL, func(r *sql.Rows) error {
			var s Setting
			err := r.Scan(&s.Key, ns.s(&s.Value))
			ns.flush()
			d.ClassifySettings = append(d.ClassifySettings, s)
			return err
		}},
	}
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
