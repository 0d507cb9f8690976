package analysis

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

// ClassifyOptions are the files and choices behind a classification.
type ClassifyOptions struct {
	Rubric    *Rubric
	Codebook  *Codebook
	Overrides *Overrides // nil: none
	Facts     *Helper    // the facts file (queries/defaults/facts.sql)
	Margin    float64    // top two memberships within this are a hybrid (default 0.1)
	Now       func() time.Time
}

// IndicatorRow is one indicator's figure and membership for an area and period.
type IndicatorRow struct {
	Area         string
	Period       int
	Ind          *Indicator
	Value        float64
	Membership   float64
	Contribution float64
	Reason       string
}

// MembershipRow is an area's membership of one model in a period.
type MembershipRow struct {
	Area       string
	Period     int
	Model      int
	Membership float64
	Indicators int
	Codes      int
	Excerpt    string // one excerpt coded to the model, pseudonymised
	Source     string // where the excerpt is from
}

// Classification is an area's label in a period.
type Classification struct {
	Area, Name     string
	Period         int
	Computed       string
	Label          string
	OverrideLabel  string
	OverrideReason string
	OverrideBy     string
	M              [4]float64 // memberships of models 1..3 (index 0 unused)
	Top            int
	Margin         float64
	Evidence       string   // the top evidence in one line
	EvidenceLines  []string // the same, one line per model and excerpt
}

// ApproachRow is an approach or focus tag an area holds in a period.
type ApproachRow struct {
	Area, TagType, Tag string
	Period             int
	Codes, Projects    int
	Evidence           string
}

// UnmappedCode is a code the codebook does not map.
type UnmappedCode struct {
	Code            string
	Segments, Areas int
}

// ClassifyResult is everything 'obs classify' computes.
type ClassifyResult struct {
	Options         ClassifyOptions
	Areas           []string
	Info            map[string]AreaInfo // name and whether synthetic, by area id
	Periods         []int
	Indicators      []IndicatorRow
	Memberships     []MembershipRow
	Classifications []Classification
	Approaches      []ApproachRow
	Mappings        []Mapping
	Unmapped        []UnmappedCode
	Settings        [][2]string
}

// Classify classifies every area and period into the leadership models, in
// tx (it makes a temporary table of the codebook's mappings there).
func Classify(ctx context.Context, tx *store.Tx, helpers []*Helper, opt ClassifyOptions) (*ClassifyResult, error) {
	if opt.Margin == 0 {
		opt.Margin = 0.1
	}
	if opt.Margin < 0 || opt.Margin >= 1 {
		return nil, fmt.Errorf("%w: the hybrid margin must be between 0 and 1, not %g", ErrOption, opt.Margin)
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	conn := tx.Conn
	if err := prepare(ctx, conn, helpers); err != nil {
		return nil, err
	}
	res := &ClassifyResult{Options: opt}
	var err error
	if res.Areas, res.Info, res.Periods, err = areaPeriods(ctx, conn); err != nil {
		return nil, err
	}
	if err := res.mapCodes(ctx, tx); err != nil {
		return nil, err
	}
	if _, err := conn.ExecContext(ctx, opt.Facts.SQL); err != nil {
		return nil, sqlErr(ErrRubric, opt.Facts.File, 0, err)
	}
	returned, err := returnedPeriods(ctx, conn)
	if err != nil {
		return nil, err
	}
	// Indicators: figure, then membership.
	type key struct {
		area   string
		period int
	}
	vals := map[key][]IndicatorRow{}
	for _, in := range opt.Rubric.Indicators {
		var figs []Figure
		if in.IsFile() {
			figs, err = runFigureQuery(ctx, conn, ErrRubric, in.FileName, 0, in.File)
		} else {
			figs, err = runFigureQuery(ctx, conn, ErrRubric, opt.Rubric.File, in.Line-1,
				"SELECT area_id, period, ("+in.Expression+") AS value FROM area_facts")
			var ie *InputError
			if errors.As(err, &ie) && ie.File == opt.Rubric.File {
				ie.Column, ie.Value = "expression", in.Expression
				ie.Msg = fmt.Sprintf("the expression of indicator %q does not run (the facts it can use are in %s)", in.Name, opt.Facts.File)
			}
		}
		if err != nil {
			return nil, err
		}
		got := map[key]Figure{}
		for _, f := range figs {
			got[key{f.Area, f.Period}] = f
		}
		for _, a := range res.Areas {
			for _, p := range res.Periods {
				f, ok := got[key{a, p}]
				row := IndicatorRow{Area: a, Period: p, Ind: in, Value: math.NaN(), Membership: math.NaN(), Contribution: math.NaN()}
				switch {
				case ok && !math.IsNaN(f.Value):
					row.Value = f.Value
					row.Membership = Calibrate(f.Value, in.Non, in.Cross, in.Full)
				case !returned[key{a, p}]:
					row.Reason = "no returns for this period"
				case ok && in.IsFile() && f.Reason != "":
					row.Reason = f.Reason
				default:
					row.Reason = "the returns for this period do not give " + in.Expression
				}
				vals[key{a, p}] = append(vals[key{a, p}], row)
			}
		}
	}
	codes, err := modelCodes(ctx, conn)
	if err != nil {
		return nil, err
	}
	for _, a := range res.Areas {
		for _, p := range res.Periods {
			rows := vals[key{a, p}]
			c := Classification{Area: a, Name: res.Info[a].Name, Period: p}
			for m := 1; m <= 3; m++ {
				sum, n := 0.0, 0
				for _, r := range rows {
					if r.Ind.Model == m && !math.IsNaN(r.Membership) {
						sum += r.Membership
						n++
					}
				}
				c.M[m] = math.NaN()
				if n > 0 {
					c.M[m] = sum / float64(n)
				}
				for i := range rows {
					if rows[i].Ind.Model == m && n > 0 && !math.IsNaN(rows[i].Membership) {
						rows[i].Contribution = rows[i].Membership / float64(n)
					}
				}
				mc := codes[modelKey{a, p, m}]
				res.Memberships = append(res.Memberships, MembershipRow{Area: a, Period: p, Model: m, Membership: c.M[m],
					Indicators: n, Codes: mc.n, Excerpt: mc.excerpt, Source: mc.source})
			}
			c.Computed, c.Top, c.Margin = label(c.M, opt.Margin)
			c.Label = c.Computed
			c.EvidenceLines = evidence(c, rows, codes)
			trimmed := make([]string, len(c.EvidenceLines))
			for i, l := range c.EvidenceLines {
				trimmed[i] = strings.TrimSpace(l)
			}
			c.Evidence = strings.Join(trimmed, " | ")
			res.Indicators = append(res.Indicators, rows...)
			res.Classifications = append(res.Classifications, c)
		}
	}
	if opt.Overrides != nil {
		if err := res.applyOverrides(opt.Overrides); err != nil {
			return nil, err
		}
	}
	if err := res.approaches(ctx, conn); err != nil {
		return nil, err
	}
	res.Settings = classifySettings(opt)
	return res, nil
}

// label is the model of highest membership; a hybrid of every model within
// margin of it; unclassified when no membership reaches 0.5. It also gives
// the top model and its lead over the second.
func label(m [4]float64, margin float64) (string, int, float64) {
	top := 0
	for k := 1; k <= 3; k++ {
		if !math.IsNaN(m[k]) && (top == 0 || m[k] > m[top]) {
			top = k
		}
	}
	if top == 0 {
		return Unclassified, 0, math.NaN()
	}
	second := math.NaN()
	for k := 1; k <= 3; k++ {
		if k != top && !math.IsNaN(m[k]) && (math.IsNaN(second) || m[k] > second) {
			second = m[k]
		}
	}
	lead := m[top] - second
	if m[top] < 0.5 {
		return Unclassified, top, lead
	}
	var within []string
	for k := 1; k <= 3; k++ {
		if !math.IsNaN(m[k]) && m[top]-m[k] <= margin+1e-12 {
			within = append(within, strconv.Itoa(k))
		}
	}
	if len(within) > 1 {
		return "hybrid " + strings.Join(within, "+"), top, lead
	}
	return "model " + strconv.Itoa(top), top, lead
}

// labelModels are the models a label names (for unclassified, the top one).
func labelModels(c Classification) []int {
	l := c.Label
	switch {
	case strings.HasPrefix(l, "model "):
		return []int{int(l[6] - '0')}
	case strings.HasPrefix(l, "hybrid "):
		var ms []int
		for _, s := range strings.Split(strings.TrimPrefix(l, "hybrid "), "+") {
			ms = append(ms, int(s[0]-'0'))
		}
		return ms
	case c.Top > 0:
		return []int{c.Top}
	}
	return nil
}

// evidence says, for each model the label names, its strongest indicators
// (figure and membership) and an excerpt coded to it: one line each.
func evidence(c Classification, rows []IndicatorRow, codes map[modelKey]modelCode) []string {
	models := labelModels(c)
	if len(models) == 0 {
		return []string{"no indicator has a figure for this period"}
	}
	var lines []string
	for _, m := range models {
		var ins []IndicatorRow
		for _, r := range rows {
			if r.Ind.Model == m && !math.IsNaN(r.Membership) {
				ins = append(ins, r)
			}
		}
		sort.SliceStable(ins, func(i, j int) bool { return ins[i].Membership > ins[j].Membership })
		var bits []string
		for i, r := range ins {
			if i == 3 {
				break
			}
			bits = append(bits, fmt.Sprintf("%s %s (%.2f)", r.Ind.Name, fmtNum(r.Value), r.Membership))
		}
		lines = append(lines, fmt.Sprintf("model %d %.2f: %s", m, c.M[m], strings.Join(bits, "; ")))
		if mc := codes[modelKey{c.Area, c.Period, m}]; mc.n > 0 {
			lines = append(lines, fmt.Sprintf("  %d segment%s coded to model %d, e.g. “%s”", mc.n, plural(mc.n), m, cut(mc.excerpt, 100)))
		}
	}
	return lines
}

func plural(n int) string {
	if n == 1 {
		return ""
	}
	return "s"
}

// fmtNum shows a figure briefly: 0.82, 14, 3.5.
func fmtNum(v float64) string {
	switch {
	case math.IsNaN(v):
		return "—"
	case v == math.Trunc(v) && math.Abs(v) < 1e9:
		return strconv.FormatFloat(v, 'f', 0, 64)
	case math.Abs(v) < 1:
		return strconv.FormatFloat(v, 'f', 2, 64)
	case math.Abs(v) < 100:
		return strconv.FormatFloat(v, 'f', 1, 64)
	}
	return strconv.FormatFloat(v, 'f', 0, 64)
}

func cut(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

func (res *ClassifyResult) applyOverrides(ov *Overrides) error {
	byName := map[string]string{}
	for _, a := range res.Areas {
		byName[strings.ToLower(a)] = a
		byName[strings.ToLower(res.Info[a].Name)] = a
	}
	done := map[[2]any]int{}
	for _, o := range ov.List {
		area, ok := byName[strings.ToLower(o.Area)]
		if !ok {
			return &InputError{File: ov.File, Line: o.Line, Kind: ErrOverride, Column: "area", Value: o.Area,
				Msg: fmt.Sprintf("there is no area %q with returns; the areas are %s", o.Area, strings.Join(res.Areas, ", "))}
		}
		if o.Period != 0 && !containsInt(res.Periods, o.Period) {
			return &InputError{File: ov.File, Line: o.Line, Kind: ErrOverride, Column: "period", Value: PeriodLabel(o.Period),
				Msg: fmt.Sprintf("there are no returns for %s", PeriodLabel(o.Period))}
		}
		for i := range res.Classifications {
			c := &res.Classifications[i]
			if c.Area != area || (o.Period != 0 && c.Period != o.Period) {
				continue
			}
			k := [2]any{area, c.Period}
			if l, dup := done[k]; dup {
				return inputErr(ErrOverride, ov.File, o.Line, "%s %s is overridden twice (also on line %d)", area, PeriodLabel(c.Period), l)
			}
			done[k] = o.Line
			c.Label, c.OverrideLabel, c.OverrideReason, c.OverrideBy = o.Label, o.Label, o.Rationale, o.By
		}
	}
	return nil
}

func containsInt(s []int, v int) bool {
	for _, x := range s {
		if x == v {
			return true
		}
	}
	return false
}

func returnedPeriods(ctx context.Context, conn *sql.Conn) (map[struct {
	area   string
	period int
}]bool, error) {
	out := map[struct {
		area   string
		period int
	}]bool{}
	rows, err := conn.QueryContext(ctx, "SELECT area_id, period FROM area_periods WHERE returned")
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	for rows.Next() {
		var a string
		var p int
		if err := rows.Scan(&a, &p); err != nil {
			return nil, err
		}
		out[struct {
			area   string
			period int
		}{a, p}] = true
	}
	return out, rows.Err()
}

type modelKey struct {
	area   string
	period int
	model  int
}

type modelCode struct {
	n               int
	excerpt, source string
}

// modelCodes counts the segments coded to each model, with one excerpt.
func modelCodes(ctx context.Context, conn *sql.Conn) (map[modelKey]modelCode, error) {
	rows, err := conn.QueryContext(ctx, `SELECT area_id, period, CAST(target AS INTEGER), count(*),
		first(excerpt ORDER BY length(excerpt) DESC, source, segment_ref, excerpt) FILTER (WHERE excerpt <> ''),
		first(source ORDER BY length(excerpt) DESC, source, segment_ref, excerpt) FILTER (WHERE excerpt <> '')
		FROM coded_segments WHERE target_type = 'model' GROUP BY ALL`)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[modelKey]modelCode{}
	for rows.Next() {
		var k modelKey
		var c modelCode
		var ex, src sql.NullString
		if err := rows.Scan(&k.area, &k.period, &k.model, &c.n, &ex, &src); err != nil {
			return nil, err
		}
		c.excerpt, c.source = ex.String, src.String
		out[k] = c
	}
	return out, rows.Err()
}

// mapCodes maps the interview codes through the codebook and puts the
// mappings in the temporary table code_targets the facts use.
func (res *ClassifyResult) mapCodes(ctx context.Context, tx *store.Tx) error {
	rows, err := tx.Conn.QueryContext(ctx, "SELECT code, count(*), count(DISTINCT area_id) FROM interview_codes WHERE code IS NOT NULL AND code <> '' GROUP BY code")
	if err != nil {
		return err
	}
	segs, areas := map[string]int{}, map[string]int{}
	for rows.Next() {
		var c string
		var n, a int
		if err := rows.Scan(&c, &n, &a); err != nil {
			rows.Close()
			return err
		}
		segs[c], areas[c] = n, a
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	var unmapped []string
	res.Mappings, unmapped = res.Options.Codebook.Map(segs)
	for _, c := range unmapped {
		res.Unmapped = append(res.Unmapped, UnmappedCode{Code: c, Segments: segs[c], Areas: areas[c]})
	}
	sort.SliceStable(res.Unmapped, func(i, j int) bool { return res.Unmapped[i].Segments > res.Unmapped[j].Segments })
	if _, err := tx.Exec("CREATE OR REPLACE TEMP TABLE code_targets (code VARCHAR, target_type VARCHAR, target VARCHAR)"); err != nil {
		return err
	}
	cols := []schemas.Column{{Name: "code", Type: schemas.Text}, {Name: "target_type", Type: schemas.Text}, {Name: "target", Type: schemas.Text}}
	w := &tableWriter{t: &schemas.Table{Name: "code_targets", Columns: cols}, b: store.NewBatch(cols)}
	for _, m := range res.Mappings {
		w.add(m.Code, m.TargetType, m.Target)
	}
	return w.flush(tx)
}

// approaches tags each area and period with the approaches and focus its
// coded segments and project themes show.
func (res *ClassifyResult) approaches(ctx context.Context, conn *sql.Conn) error {
	type key struct {
		area   string
		period int
		typ    string
		tag    string
	}
	got := map[key]*ApproachRow{}
	var order []key
	at := func(k key) *ApproachRow {
		r, ok := got[k]
		if !ok {
			r = &ApproachRow{Area: k.area, Period: k.period, TagType: k.typ, Tag: k.tag}
			got[k] = r
			order = append(order, k)
		}
		return r
	}
	rows, err := conn.QueryContext(ctx, `SELECT area_id, period, target_type, target, count(*),
		first(excerpt ORDER BY length(excerpt) DESC, source, segment_ref, excerpt) FILTER (WHERE excerpt <> '')
		FROM coded_segments WHERE target_type IN ('approach', 'focus') GROUP BY ALL`)
	if err != nil {
		return err
	}
	for rows.Next() {
		var k key
		var n int
		var ex sql.NullString
		if err := rows.Scan(&k.area, &k.period, &k.typ, &k.tag, &n, &ex); err != nil {
			rows.Close()
			return err
		}
		r := at(k)
		r.Codes += n
		if ex.String != "" {
			r.Evidence = "“" + cut(ex.String, 120) + "”"
		}
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	rows, err = conn.QueryContext(ctx, `SELECT area_id, period, theme, count(*), first(project ORDER BY project)
		FROM projects WHERE theme IS NOT NULL AND theme <> '' AND period IS NOT NULL GROUP BY ALL ORDER BY ALL`)
	if err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var area, theme, project string
		var period, n int
		if err := rows.Scan(&area, &period, &theme, &n, &project); err != nil {
			return err
		}
		for _, t := range res.Options.Codebook.ThemeTargets(theme) {
			r := at(key{area, period, t[0], t[1]})
			r.Projects += n
			if r.Evidence == "" {
				r.Evidence = fmt.Sprintf("project %s (theme %s)", project, theme)
			}
		}
	}
	if err := rows.Err(); err != nil {
		return err
	}
	sort.Slice(order, func(i, j int) bool {
		a, b := order[i], order[j]
		if a.area != b.area {
			return a.area < b.area
		}
		if a.period != b.period {
			return a.period < b.period
		}
		if a.typ != b.typ {
			return a.typ < b.typ
		}
		return a.tag < b.tag
	})
	for _, k := range order {
		res.Approaches = append(res.Approaches, *got[k])
	}
	return nil
}

func classifySettings(o ClassifyOptions) [][2]string {
	s := [][2]string{
		{"rubric", o.Rubric.File},
		{"rubric_sha256", o.Rubric.SHA256},
		{"codebook", o.Codebook.File},
		{"codebook_sha256", o.Codebook.SHA256},
		{"facts", o.Facts.File},
		{"calibration", "Ragin's direct method, log-odds ±ln 19 at the full anchors (membership exactly 0.05 and 0.95), 0 at the crossover"},
		{"aggregation", "model membership = mean of its indicators' memberships"},
		{"hybrid_margin", strconv.FormatFloat(o.Margin, 'g', -1, 64)},
		{"unclassified_below", "0.5"},
		{"run_at", o.Now().UTC().Format(time.RFC3339)},
	}
	if o.Overrides != nil {
		s = append(s, [2]string{"overrides", o.Overrides.File}, [2]string{"overrides_sha256", o.Overrides.SHA256})
	} else {
		s = append(s, [2]string{"overrides", "(none)"})
	}
	return s
}

// Write replaces the classification tables by r, in tx.
func (r *ClassifyResult) Write(tx *store.Tx) error {
	in := newTableWriter(schemas.Indicators)
	for _, x := range r.Indicators {
		in.add(fmt.Sprintf("%s/%d/%d/%s", x.Area, x.Period, x.Ind.Model, x.Ind.Name), x.Area, x.Period, x.Ind.Model, x.Ind.Name,
			x.Ind.Label, x.Value, x.Ind.Non, x.Ind.Cross, x.Ind.Full, x.Membership, x.Contribution, x.Reason)
	}
	ms := newTableWriter(schemas.Memberships)
	for _, m := range r.Memberships {
		ms.add(fmt.Sprintf("%s/%d/%d", m.Area, m.Period, m.Model), m.Area, m.Period, m.Model, ModelNames[m.Model], m.Membership, m.Indicators, m.Codes)
	}
	cl := newTableWriter(schemas.Classifications)
	for _, c := range r.Classifications {
		var top any
		if c.Top > 0 {
			top = c.Top
		}
		cl.add(fmt.Sprintf("%s/%d", c.Area, c.Period), c.Area, c.Period, c.Computed, c.Label, c.OverrideLabel, c.OverrideReason,
			c.OverrideBy, c.M[1], c.M[2], c.M[3], top, c.Margin, c.Evidence)
	}
	ap := newTableWriter(schemas.Approaches)
	for _, a := range r.Approaches {
		ap.add(fmt.Sprintf("%s/%d/%s/%s", a.Area, a.Period, a.TagType, a.Tag), a.Area, a.Period, a.TagType, a.Tag, a.Codes, a.Projects, a.Evidence)
	}
	cm := newTableWriter(schemas.CodeMapping)
	for _, m := range r.Mappings {
		cm.add(fmt.Sprintf("%s/%s/%s", m.Code, m.TargetType, m.Target), m.Code, m.TargetType, m.Target, m.Pattern, m.Segments)
	}
	un := newTableWriter(schemas.UnmappedCodes)
	for _, u := range r.Unmapped {
		un.add(u.Code, u.Segments, u.Areas)
	}
	for _, w := range []*tableWriter{in, ms, cl, ap, cm, un, settingsWriter(schemas.ClassifySettings, r.Settings)} {
		if err := w.flush(tx); err != nil {
			return err
		}
	}
	return nil
}
