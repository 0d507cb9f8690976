package report

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// ErrNoScores means the result tables are empty: the analyses have not run.
var ErrNoScores = errors.New("there are no scores in the database yet: run 'obs score' and 'obs classify' first (or 'obs build', which does everything)")

// ErrUnknownArea is wrapped by the error for an area id the database does not hold.
var ErrUnknownArea = errors.New("unknown area")

// Area is one row of the areas table.
type Area struct {
	ID, Name, LocalAuthority, Region string
	Population, Households           sql.NullInt64
	Synthetic                        bool
}

// Score is one row of the scores table.
type Score struct {
	Area        string
	Period      int
	Definition  string
	Label       string
	ResidentDef string
	Value       sql.NullFloat64
	Unit        string
	Direction   string
	Base        sql.NullFloat64
	BaseLabel   string
	Missing     string
	Note        string
	MinMax      sql.NullFloat64
	Z           sql.NullFloat64
	Rank        sql.NullInt64
	Percentile  sql.NullFloat64
	NAreas      sql.NullInt64
	Coverage    sql.NullFloat64
	Covered     string
}

// Agreement is one row of the agreement table.
type Agreement struct {
	Period      int
	ResidentDef string
	A, B        string
	Tau         sql.NullFloat64
	N           int64
}

// Uncertainty is one row of the uncertainty table.
type Uncertainty struct {
	Area             string
	Period           int
	Rank             sql.NullInt64
	Median, P05, P95 sql.NullFloat64
	Draws            int64
	Ranked           bool
	NAreas           int64
}

// Indicator is one row of the indicators table.
type Indicator struct {
	Area                       string
	Period, Model              int
	Indicator, Label           string
	Value                      sql.NullFloat64
	NonMember, Cross, FullMemb sql.NullFloat64
	Membership, Contribution   sql.NullFloat64
	Missing                    string
}

// Membership is one row of the memberships table.
type Membership struct {
	Area          string
	Period, Model int
	ModelName     string
	Membership    sql.NullFloat64
	Indicators    int64
	Codes         int64
}

// Classification is one row of the classifications table.
type Classification struct {
	Area                         string
	Period                       int
	Computed, Label              string
	OverrideLabel, Rationale, By string
	M1, M2, M3                   sql.NullFloat64
	TopModel                     sql.NullInt64
	Margin                       sql.NullFloat64
	Evidence                     string
}

// Approach is one row of the approaches table.
type Approach struct {
	Area            string
	Period          int
	TagType, Tag    string
	Codes, Projects int64
	Evidence        string
}

// Segment is one current coded interview segment (names already pseudonymised).
type Segment struct {
	Area               string
	Period             sql.NullInt64
	Source, SourceType string
	Participant, Role  string
	Code, Excerpt      string
	LoadID             int64
	Sheet              string
	Row                int64
}

// Mapping is one row of code_mapping.
type Mapping struct {
	Code, TargetType, Target, Pattern string
	Segments                          int64
}

// Part is what one load brought for one kind, area and period, with its file.
type Part struct {
	LoadID            int64
	File, SHA256      string
	Kind              string
	Area              string
	Period            sql.NullInt64
	Sheet             string
	FirstRow, LastRow sql.NullInt64
	Rows              int64
	SupersededBy      sql.NullInt64
	LoadedAt          string
}

// Quarantined is one quarantined row.
type Quarantined struct {
	LoadID                  int64
	File, Sheet             string
	Row                     sql.NullInt64
	Col, Column, Kind, Area string
	ErrorType, Message, Raw string
}

// Setting is one key/value of score_settings or classify_settings.
type Setting struct{ Key, Value string }

// Data is everything the packs show, read once for all areas: each pack is
// then rendered from memory.
type Data struct {
	Areas            []Area
	Scores           []Score
	Agreement        []Agreement
	Uncertainty      []Uncertainty
	Indicators       []Indicator
	Memberships      []Membership
	Classifications  []Classification
	Approaches       []Approach
	Segments         []Segment
	Mappings         []Mapping
	Parts            []Part
	Quarantine       []Quarantined
	ScoreSettings    []Setting
	ClassifySettings []Setting
	// Definitions is the glossary, in the order the scores give them.
	Definitions []Definition

	areaIdx map[string]int
	byArea  map[string]*areaRows
	slices  map[sliceKey][]*Score
}

// areaRows indexes the rows of one area.
type areaRows struct {
	scores, indicators, memberships, classifications, approaches, segments, parts, quarantine, uncertainty []int
}

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

// index builds the per-area indexes and the glossary; Load calls it, and
// tests that fill a Data by hand.
func (d *Data) index() {
	d.areaIdx = make(map[string]int, len(d.Areas))
	d.byArea = make(map[string]*areaRows, len(d.Areas))
	for i, a := range d.Areas {
		d.areaIdx[a.ID] = i
		d.byArea[a.ID] = &areaRows{}
	}
	get := func(id string) *areaRows {
		r := d.byArea[id]
		if r == nil {
			r = &areaRows{}
			d.byArea[id] = r
		}
		return r
	}
	d.slices = map[sliceKey][]*Score{}
	for i := range d.Scores {
		s := &d.Scores[i]
		r := get(s.Area)
		r.scores = append(r.scores, i)
		k := sliceKey{s.Period, s.Definition, s.ResidentDef}
		d.slices[k] = append(d.slices[k], s)
	}
	for i, x := range d.Uncertainty {
		r := get(x.Area)
		r.uncertainty = append(r.uncertainty, i)
	}
	for i, x := range d.Indicators {
		r := get(x.Area)
		r.indicators = append(r.indicators, i)
	}
	for i, x := range d.Memberships {
		r := get(x.Area)
		r.memberships = append(r.memberships, i)
	}
	for i, x := range d.Classifications {
		r := get(x.Area)
		r.classifications = append(r.classifications, i)
	}
	for i, x := range d.Approaches {
		r := get(x.Area)
		r.approaches = append(r.approaches, i)
	}
	for i, x := range d.Segments {
		r := get(x.Area)
		r.segments = append(r.segments, i)
	}
	for i, x := range d.Parts {
		r := get(x.Area)
		r.parts = append(r.parts, i)
	}
	for i, x := range d.Quarantine {
		r := get(x.Area)
		r.quarantine = append(r.quarantine, i)
	}
	if len(d.Definitions) == 0 {
		d.Definitions = glossary(d.Scores)
	}
}

// Synthetic says whether any area's figures are synthetic: then every page
// carries the banner, as every pack compares its area with all the others.
func (d *Data) Synthetic() bool {
	for _, a := range d.Areas {
		if a.Synthetic {
			return true
		}
	}
	return false
}

// Periods lists the periods that have scores, in order.
func (d *Data) Periods() []int {
	seen := map[int]bool{}
	var ps []int
	for _, s := range d.Scores {
		if !seen[s.Period] {
			seen[s.Period] = true
			ps = append(ps, s.Period)
		}
	}
	sort.Ints(ps)
	return ps
}

// ScoredAreas lists the areas that have scores, in id order.
func (d *Data) ScoredAreas() []Area {
	var out []Area
	for _, a := range d.Areas {
		if r := d.byArea[a.ID]; r != nil && len(r.scores) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// Area returns the area of that id, or an error that lists the valid ids and
// the nearest one.
func (d *Data) Area(id string) (*Area, error) {
	if i, ok := d.areaIdx[id]; ok {
		return &d.Areas[i], nil
	}
	ids := make([]string, len(d.Areas))
	for i, a := range d.Areas {
		ids[i] = a.ID
	}
	msg := fmt.Sprintf("there is no area %q.", id)
	if near := nearest(id, ids); near != "" {
		msg += fmt.Sprintf(" Did you mean %q?", near)
	}
	return nil, fmt.Errorf("%w: %s The areas are: %s", ErrUnknownArea, msg, strings.Join(ids, ", "))
}

// nearest is the id s was probably meant to be: one that contains it, else
// the closest by edit distance, if close enough.
func nearest(s string, ids []string) string {
	ls := strings.ToLower(s)
	for _, id := range ids {
		if ls != "" && strings.Contains(id, ls) {
			return id
		}
	}
	if near, ok := schemas.Nearest(s, ids); ok {
		return near
	}
	return ""
}

// returnKinds are the kinds of return a pack reports as present or missing.
func returnKinds() []string {
	var ks []string
	for _, k := range schemas.Kinds() {
		if !k.Reference {
			ks = append(ks, k.Name)
		}
	}
	return ks
}
