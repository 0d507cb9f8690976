package web

import (
	"context"
	"database/sql"
	"fmt"
	"html/template"
	"math"

	"github.com/ourbiggerstory/obs/pipeline/report/chart"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

// heatMax is the most areas the heat map of rank reversals shows: past it
// a table of every pair is too large to read on a page.
const heatMax = 40

// robustness is what the compare page shows of the composite ranking's
// robustness in a period: which choice moves it most (Sobol indices, the
// mean over the areas) and, for every pair of areas, how often one ranks
// above the other over the Monte Carlo draws.
type robustness struct {
	Top      string        // "What moves the ranking most: ..."
	Chart    template.HTML // the indices as bars
	Factors  []factorRow
	Areas    []string     // the heat map's areas, by median rank
	Heat     [][]heatCell // [row][column]: the row area above the column area
	TooMany  int          // areas, when more than heatMax
	Robust   int          // pairs whose order holds in more than 95% of draws
	Pairs    int
	Sentence []string // the robust pairs, in words (the first few)
}

type factorRow struct {
	Name                string
	First, Total        sql.NullFloat64
	FirstLow, FirstHigh sql.NullFloat64
	TotalLow, TotalHigh sql.NullFloat64
}

// heatCell is the share of draws in which the row's area ranks above the
// column's; Class is its shade (h0 to h10), for the stylesheet.
type heatCell struct {
	Share float64
	Known bool
	Class string
	Text  string
	Title string
}

func (s *Server) robustness(ctx context.Context, period int) (*robustness, error) {
	r := &robustness{}
	if err := s.sensitivityRows(ctx, period, r); err != nil {
		return nil, err
	}
	if err := s.reversalRows(ctx, period, r); err != nil {
		return nil, err
	}
	if len(r.Factors) == 0 && r.Pairs == 0 {
		return nil, nil
	}
	return r, nil
}

func (s *Server) sensitivityRows(ctx context.Context, period int, r *robustness) error {
	rows, err := s.st.DB.QueryContext(ctx, sensitivityAllSQL, period)
	if err != nil {
		return err
	}
	defer rows.Close()
	var first, total chart.Series
	first.Name, total.Name = "alone (first order)", "with the others (total order)"
	var names []string
	top := -1.0
	for rows.Next() {
		var f factorRow
		var id string
		if err := rows.Scan(&id, &f.First, &f.Total, &f.FirstLow, &f.FirstHigh, &f.TotalLow, &f.TotalHigh); err != nil {
			return err
		}
		f.Name = schemas.FactorName(id)
		i := float64(len(names))
		names = append(names, f.Name)
		if f.First.Valid && f.Total.Valid {
			first.Marks = append(first.Marks, chart.Mark{X: f.First.Float64, Y: i, Label: tabular.Number(math.Round(f.First.Float64*100) / 100)})
			total.Marks = append(total.Marks, chart.Mark{X: f.Total.Float64, Y: i, Label: tabular.Number(math.Round(f.Total.Float64*100) / 100)})
			if f.Total.Float64 > top {
				top = f.Total.Float64
				r.Top = fmt.Sprintf("What moves the ranking most: %s, %s of the variance of an area's rank (mean over the areas).", f.Name, tabular.Number(math.Round(top*100)/100))
			}
		}
		r.Factors = append(r.Factors, f)
	}
	if err := rows.Err(); err != nil {
		return err
	}
	if len(first.Marks) > 0 {
		lo, hi := 0.0, 1.0
		r.Chart = svgOf(&chart.Chart{Kind: chart.HBars, Title: "What moves the composite ranking, " + periodLabel(period),
			Desc: "For each choice, the share of the variance of an area's composite rank it causes alone and with the other choices (Sobol indices, mean over the areas).",
			X:    chart.Axis{Label: "share of the variance of the rank", Min: &lo, Max: &hi}, Y: chart.Axis{Names: names, Invert: true},
			Series: []chart.Series{first, total}, Width: chartWidth, Height: rowsHeight(len(names), 30)})
	}
	return nil
}

func (s *Server) reversalRows(ctx context.Context, period int, r *robustness) error {
	ids, names := []string{}, map[string]string{}
	rows, err := s.st.DB.QueryContext(ctx, rankedAreasSQL, period)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id, name string
		if err := rows.Scan(&id, &name); err != nil {
			rows.Close()
			return err
		}
		ids, names[id] = append(ids, id), name
	}
	rows.Close()
	if err := rows.Err(); err != nil {
		return err
	}
	pos := map[string]int{}
	for i, id := range ids {
		pos[id] = i
		r.Areas = append(r.Areas, names[id])
	}
	show := len(ids) <= heatMax
	if show {
		r.Heat = make([][]heatCell, len(ids))
		for i := range r.Heat {
			r.Heat[i] = make([]heatCell, len(ids))
		}
	} else {
		r.TooMany, r.Areas = len(ids), nil
	}
	if rows, err = s.st.DB.QueryContext(ctx, reversalsSQL, period); err != nil {
		return err
	}
	defer rows.Close()
	for rows.Next() {
		var a, b string
		var aAbove, bAbove float64
		var robust bool
		if err := rows.Scan(&a, &b, &aAbove, &bAbove, &robust); err != nil {
			return err
		}
		r.Pairs++
		if robust {
			r.Robust++
			if len(r.Sentence) < 10 {
				r.Sentence = append(r.Sentence, fmt.Sprintf("%s ranks above %s in %s of draws", names[a], names[b], tabular.Percent(math.Floor(aAbove*100)/100)))
			}
		}
		i, okA := pos[a]
		j, okB := pos[b]
		if show && okA && okB {
			r.Heat[i][j] = cell(names[a], names[b], aAbove)
			r.Heat[j][i] = cell(names[b], names[a], bAbove)
		}
	}
	return rows.Err()
}

func cell(a, b string, share float64) heatCell {
	return heatCell{Share: share, Known: true, Class: fmt.Sprintf("h%d", int(math.Round(share*10))), Text: tabular.Percent(share),
		Title: fmt.Sprintf("%s ranks above %s in %s of draws", a, b, tabular.Percent(share))}
}
