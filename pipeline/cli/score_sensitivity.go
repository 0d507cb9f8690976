package cli

import (
	"fmt"
	"io"
	"math"
	"sort"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"github.com/ourbiggerstory/obs/schemas"
)

// sensitivityData is every Sobol index as data: one row per period, area
// (all for the mean over the areas) and choice.
func sensitivityData(res *analysis.ScoreResult) *tabular.Table {
	t := &tabular.Table{Columns: []string{"period", "area_id", "factor", "first_order", "total_order", "first_low", "first_high", "total_low", "total_high"}}
	for _, r := range res.Sensitivity {
		t.Rows = append(t.Rows, []any{schemas.Period(r.Period).String(), r.Area, r.Factor, num(r.First), num(r.Total),
			num(r.FirstLow), num(r.FirstHigh), num(r.TotalLow), num(r.TotalHigh)})
	}
	return t
}

// writeSensitivity says, for one period, which choice moves the ranking
// most, over all areas and for each area.
func writeSensitivity(w io.Writer, res *analysis.ScoreResult, period int) error {
	period, ok := tableStart(w, "score", res.Periods, period, res.Info)
	if !ok {
		return nil
	}
	if res.Options.Samples == 0 {
		fmt.Fprintln(w, "No sensitivity indices: --samples is 0. Run obs score --sensitivity with --samples 1000.")
		return nil
	}
	var all []analysis.SensitivityRow
	byArea := map[string][]analysis.SensitivityRow{}
	for _, r := range res.Sensitivity {
		if r.Period != period {
			continue
		}
		if r.Area == analysis.AllAreas {
			all = append(all, r)
		} else {
			byArea[r.Area] = append(byArea[r.Area], r)
		}
	}
	ps := schemas.Period(period).String()
	top, ok := analysis.TopFactor(all)
	if !ok {
		fmt.Fprintf(w, "In %s no area's composite rank moves with the choices: there is nothing to apportion.\n", ps)
		return nil
	}
	fmt.Fprintf(w, "What moves the ranking most, %s: %s, %s of the variance of an area's rank (mean over %d areas).\n\n",
		ps, analysis.FactorLabel(top.Factor), tabular.Number(round2(top.Total)), top.Areas)
	t := &tabular.Table{Columns: []string{"choice", "alone", "95% interval", "with the others", "95% interval"}}
	for _, r := range all {
		t.Rows = append(t.Rows, []any{analysis.FactorLabel(r.Factor), figure(round2(r.First)), interval(r.FirstLow, r.FirstHigh),
			figure(round2(r.Total)), interval(r.TotalLow, r.TotalHigh)})
	}
	if err := tabular.Write(w, t, tabular.FormatTable); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nBy area (the share of its rank's variance each choice takes part in):\n\n")
	t = &tabular.Table{Columns: []string{"area", "weights", "normalisation", "aggregation", "residents", "moves it most"}}
	areas := append([]string{}, res.Areas...)
	sort.Strings(areas)
	for _, a := range areas {
		rows := byArea[a]
		if len(rows) == 0 {
			continue
		}
		line := []any{areaName(res, a)}
		for _, r := range rows {
			line = append(line, figure(round2(r.Total)))
		}
		if top, ok := analysis.TopFactor(rows); ok {
			line = append(line, analysis.FactorLabel(top.Factor))
		} else {
			line = append(line, "its rank does not move")
		}
		t.Rows = append(t.Rows, line)
	}
	if err := tabular.Write(w, t, tabular.FormatTable); err != nil {
		return err
	}
	fmt.Fprintf(w, "\nSobol indices: \"alone\" is the first-order index, the share of the variance of an area's rank the choice\n"+
		"causes by itself; \"with the others\" is the total-order index, including what it does together with the\n"+
		"other choices. From %s samples of the choices drawn as the Monte Carlo draws them (seed %d), with\n"+
		"95%% bootstrap intervals. Every index is in the table sensitivity; --format csv writes them as data.\n",
		tabular.Count(int64(res.Options.Samples)), res.Options.Seed)
	return nil
}

func interval(lo, hi float64) any {
	if lo != lo || hi != hi {
		return nil
	}
	return tabular.Number(round2(lo)) + "-" + tabular.Number(round2(hi))
}

// round2 keeps two decimals: an index's third is noise at these samples.
func round2(v float64) float64 { return math.Round(v*100) / 100 }

func areaName(res *analysis.ScoreResult, a string) string {
	if n := res.Info[a].Name; n != "" {
		return n
	}
	return a
}
