package report

import (
	"database/sql"
	"fmt"
	"math"

	"github.com/ourbiggerstory/obs/pipeline/report/chart"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

// Sensitivity is one row of the sensitivity table: a choice's Sobol indices
// for an area's composite rank (area all: the mean over the areas).
type Sensitivity struct {
	Period                                   int
	Area, Factor                             string
	First, Total                             sql.NullFloat64
	FirstLow, FirstHigh, TotalLow, TotalHigh sql.NullFloat64
}

// RobustPair is a pair of areas whose order holds in more than 95% of the
// Monte Carlo draws.
type RobustPair struct {
	Period int
	Above  string // ranks above in Share of the draws
	Below  string
	Share  float64
	Draws  int64
}

// robustnessSteps read the sensitivity indices and the robust pairs.
func robustnessSteps(d *Data) []loadStep {
	return []loadStep{
		{sensitivitySQL,
			func(r *sql.Rows) error {
				var s Sensitivity
				err := r.Scan(&s.Period, &s.Area, &s.Factor, &s.First, &s.Total, &s.FirstLow, &s.FirstHigh, &s.TotalLow, &s.TotalHigh)
				d.Sensitivity = append(d.Sensitivity, s)
				return err
			}},
		{robustPairsSQL,
			func(r *sql.Rows) error {
				var p RobustPair
				err := r.Scan(&p.Period, &p.Above, &p.Below, &p.Share, &p.Draws)
				d.RobustPairs = append(d.RobustPairs, p)
				return err
			}},
	}
}

// robustness fills section 3's sensitivity and robust pairs for the pack's
// period.
func (p *Pack) robustness(d *Data) {
	for _, s := range d.Sensitivity {
		if s.Period != p.Period {
			continue
		}
		switch s.Area {
		case p.Area.ID:
			p.Sensitivity = append(p.Sensitivity, s)
		case "all":
			p.AllSensitivity = append(p.AllSensitivity, s)
		}
	}
	name := func(id string) string {
		if a, err := d.Area(id); err == nil && a.Name != "" {
			return a.Name
		}
		return id
	}
	for _, r := range d.RobustPairs {
		if r.Period == p.Period && (r.Above == p.Area.ID || r.Below == p.Area.ID) {
			p.RobustPairs = append(p.RobustPairs, fmt.Sprintf("%s ranks above %s in %s of draws", name(r.Above), name(r.Below), tabular.Percent(math.Floor(r.Share*100)/100)))
		}
	}
}

// TopSensitivity says what moves this area's rank most ("" when its rank
// does not move or there are no indices).
func (p *Pack) TopSensitivity() string {
	var top *Sensitivity
	for i := range p.Sensitivity {
		s := &p.Sensitivity[i]
		if s.Total.Valid && (top == nil || s.Total.Float64 > top.Total.Float64) {
			top = s
		}
	}
	if top == nil {
		return ""
	}
	return fmt.Sprintf("What moves this area's rank most: %s, %s of the variance of its rank (total-order Sobol index).",
		schemas.FactorName(top.Factor), tabular.Number(math.Round(top.Total.Float64*100)/100))
}

// SensitivityFigure shows the total-order index of each choice for this
// area and the mean over all areas.
func (p *Pack) SensitivityFigure() *Figure {
	if len(p.Sensitivity) == 0 && len(p.AllSensitivity) == 0 {
		return nil
	}
	names := make([]string, len(schemas.Factors))
	for i, f := range schemas.Factors {
		names[i] = f.Name
	}
	series := func(name string, rows []Sensitivity, hl bool) chart.Series {
		s := chart.Series{Name: name, Highlight: hl}
		for i, f := range schemas.Factors {
			for _, r := range rows {
				if r.Factor == f.ID && r.Total.Valid {
					s.Marks = append(s.Marks, chart.Mark{X: r.Total.Float64, Y: float64(i), Label: tabular.Number(math.Round(r.Total.Float64*100) / 100)})
				}
			}
		}
		return s
	}
	lo, hi := 0.0, 1.0
	c := &chart.Chart{Kind: chart.HBars, Title: p.Area.Name + " — what moves the composite rank, " + schemas.Period(p.Period).String(),
		X:      chart.Axis{Label: "share of the rank's variance (total-order Sobol index)", Min: &lo, Max: &hi},
		Y:      chart.Axis{Names: names, Invert: true},
		Series: []chart.Series{series(p.Area.Name, p.Sensitivity, true), series("mean over all areas", p.AllSensitivity, false)}}
	f := figure("sensitivity", c, "The share of the variance of the rank each choice takes part in, alone or with the others; the choices are drawn as the Monte Carlo draws them.")
	return &f
}

// setting is a score setting's value ("" when not recorded).
func (p *Pack) setting(key string) string {
	for _, s := range p.ScoreSet {
		if s.Key == key {
			return s.Value
		}
	}
	return ""
}

// NormalisationUsed says how section 3's composite is normalised.
func (p *Pack) NormalisationUsed() string {
	switch n := p.setting("normalisation"); n {
	case "goalposts":
		return "fixed goalposts (" + p.GoalpostsUsed() + "), the same in every period"
	case "":
		return "min-max within the period"
	default:
		return n + " within the period"
	}
}

// GoalpostsUsed says where the goalposts of section 7 come from.
func (p *Pack) GoalpostsUsed() string {
	if g := p.setting("goalposts"); g != "" {
		return "bounds: " + g
	}
	return "bounds: each definition's lowest and highest value over all periods"
}

// robustnessBlocks are section 3's sensitivity indices and robust pairs,
// for the workbook.
func (p *Pack) robustnessBlocks() []block {
	se := block{title: "What moves the composite rank (Sobol indices)", cols: []col{{"area", text}, {"choice", text},
		{"first order", dec3}, {"first low", dec3}, {"first high", dec3}, {"total order", dec3}, {"total low", dec3}, {"total high", dec3}}}
	for _, rows := range [][]Sensitivity{p.Sensitivity, p.AllSensitivity} {
		for _, s := range rows {
			se.rows = append(se.rows, []any{s.Area, schemas.FactorName(s.Factor), s.First, s.FirstLow, s.FirstHigh, s.Total, s.TotalLow, s.TotalHigh})
		}
	}
	rp := block{title: "Orders that hold in more than 95% of the draws", cols: []col{{"pair", text}}}
	for _, r := range p.RobustPairs {
		rp.rows = append(rp.rows, []any{r})
	}
	return []block{se, rp}
}

// TrendOnGoalposts says whether section 7 can use fixed goalposts: the
// scores have them (scores made before goalposts have none).
func (p *Pack) TrendOnGoalposts() bool {
	for _, s := range p.Trend {
		if s.Goalposts.Valid {
			return true
		}
	}
	return false
}
