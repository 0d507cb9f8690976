package analysis

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"math"
	"strconv"
	"strings"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/position"
	"github.com/ourbiggerstory/obs/pipeline/qca"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// ClassifyOptions are the files and choices behind a classification.
type ClassifyOptions struct {
	Rubric    *Rubric
	Codebook  *Codebook
	Overrides *Overrides // nil: none
	Facts     *Helper    // the facts file (queries/defaults/facts.sql)
	Margin    float64    // top two memberships within this are a hybrid (default 0.1)
	// LogOdds places the rubric's full anchors on the log-odds scale: ±ln 19
	// (qca, the default) or ±3 (fsqca). The calibration is qca.Calibrate,
	// the same as obs qca's.
	LogOdds qca.LogOdds
	Draws   int     // variations of the rubric drawn for each label's stability (0: none)
	Seed    uint64  // their seed
	Overlap float64 // intercoder segment overlap (default DefaultOverlap)
	Method  string  // where the settings came from ("version 3 of the method: ..."), recorded as the setting method
	Now     func() time.Time
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
	NotHybrid      string   // why a model within the margin is not part of the label, if one is
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
	Stability       []Stability // one per classification, in the same order
	Intercoder      *Intercoder
	Settings        [][2]string
}

// CheckMargin refuses a hybrid margin that is not more than 0 and less
// than 1. (Classify reads a margin left unset, 0, as 0.1; one an evaluator
// gives must say what it means.)
func CheckMargin(m float64) error {
	if m <= 0 || m >= 1 {
		return fmt.Errorf("%w: the hybrid margin must be more than 0 and less than 1 (0.1 is usual), not %g", ErrOption, m)
	}
	return nil
}

// Classify classifies every area and period into the leadership models, in
// tx (it makes a temporary table of the codebook's mappings there).
func Classify(ctx context.Context, tx *store.Tx, helpers []*Helper, opt ClassifyOptions) (*ClassifyResult, error) {
	if opt.Margin == 0 {
		opt.Margin = 0.1
	}
	if err := CheckMargin(opt.Margin); err != nil {
		return nil, err
	}
	if opt.Now == nil {
		opt.Now = time.Now
	}
	if opt.Overlap == 0 {
		opt.Overlap = DefaultOverlap
	}
	if opt.Draws < 0 {
		return nil, fmt.Errorf("%w: the label-stability draws must be 0 or more, not %d", ErrOption, opt.Draws)
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
			var ie *position.Error
			var why *reason
			if errors.As(err, &ie) && ie.File == opt.Rubric.File && errors.As(ie.Err, &why) {
				ie.Column, ie.Value = "expression", in.Expression
				why.msg = fmt.Sprintf("the expression of indicator %q does not run (the facts it can use are in %s)", in.Name, opt.Facts.File)
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
					row.Membership = qca.Calibrate(f.Value, in.Non, in.Cross, in.Full, opt.LogOdds)
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
	var cases []stabilityCase
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
			c.Label, c.NotHybrid = c.Computed, notHybrid(c.M, opt.Margin)
			sc := stabilityCase{area: a, period: p, label: c.Computed}
			for _, r := range rows {
				sc.values = append(sc.values, r.Value)
			}
			cases = append(cases, sc)
			c.EvidenceLines = evidence(c, rows, codes)
			if c.NotHybrid != "" {
				c.EvidenceLines = append(c.EvidenceLines, c.NotHybrid)
			}
			trimmed := make([]string, len(c.EvidenceLines))
			for i, l := range c.EvidenceLines {
				trimmed[i] = strings.TrimSpace(l)
			}
			c.Evidence = strings.Join(trimmed, " | ")
			res.Indicators = append(res.Indicators, rows...)
			res.Classifications = append(res.Classifications, c)
		}
	}
	res.Stability = labelStability(opt.Rubric, cases, opt.Margin, opt.LogOdds, opt.Draws, opt.Seed)
	if res.Intercoder, err = intercoderOf(ctx, conn, opt.Overlap); err != nil {
		return nil, err
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

func returnedPeriods(ctx context.Context, conn *sql.Conn) (map[struct {
	area   string
	period int
}]bool, error) {
	out := map[struct {
		area   string
		period int
	}]bool{}
	rows, err := conn.QueryContext(ctx, returnedPeriodsSQL)
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

// logOdds is the choice, qca when none was made.
func logOdds(l qca.LogOdds) qca.LogOdds {
	if l == "" {
		return qca.LogOddsQCA
	}
	return l
}

func classifySettings(o ClassifyOptions) [][2]string {
	s := [][2]string{
		{"rubric", o.Rubric.File},
		{"rubric_sha256", o.Rubric.SHA256},
		{"codebook", o.Codebook.File},
		{"codebook_sha256", o.Codebook.SHA256},
		{"facts", o.Facts.File},
		{"calibration", logOdds(o.LogOdds).Describe()},
		{"logodds", string(logOdds(o.LogOdds))},
		{"aggregation", "model membership = mean of its indicators' memberships"},
		{"hybrid_margin", strconv.FormatFloat(o.Margin, 'g', -1, 64)},
		{"hybrid_rule", "the top model and every model within the margin of it that also reaches 0.5"},
		{"unclassified_below", "0.5"},
		{"stability_draws", strconv.Itoa(o.Draws)},
		{"stability_seed", strconv.FormatUint(o.Seed, 10)},
		{"stability_variations", fmt.Sprintf("each anchor moved by up to ±%g%% of its indicator's range, the hybrid margin drawn from %g to %g, one indicator left out in turn", 100*AnchorShift, MarginLow, MarginHigh)},
		{"intercoder_overlap", strconv.FormatFloat(o.Overlap, 'g', -1, 64)},
		{"run_at", o.Now().UTC().Format(time.RFC3339)},
	}
	if o.Overrides != nil {
		s = append(s, [2]string{"overrides", o.Overrides.File}, [2]string{"overrides_sha256", o.Overrides.SHA256})
	} else {
		s = append(s, [2]string{"overrides", "(none)"})
	}
	if o.Method != "" {
		s = append(s, [2]string{"method", o.Method})
	}
	return s
}
