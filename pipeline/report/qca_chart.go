package report

import (
	"fmt"

	"github.com/ourbiggerstory/obs/pipeline/qca"
	"github.com/ourbiggerstory/obs/pipeline/report/chart"
	"gonum.org/v1/plot/vg"
)

// QCAChart is the sufficiency XY plot of a term: each case's membership in
// the term across, in the outcome up, the diagonal drawn (cases on or above
// it are consistent with sufficiency), every case labelled; the case
// highlight (an area's id), if given, set apart.
func QCAChart(xy qca.XY, highlight string) *chart.Chart {
	zero, one := 0.0, 1.0
	others := chart.Series{Color: chart.Grey}
	hi := chart.Series{Highlight: true}
	for i, c := range xy.Cases {
		m := chart.Mark{X: xy.X[i], Y: xy.Y[i], Label: c}
		if c == highlight {
			hi.Marks = append(hi.Marks, m)
		} else {
			others.Marks = append(others.Marks, m)
		}
	}
	return &chart.Chart{Kind: chart.Points, Diagonal: true,
		Title: fmt.Sprintf("%s against %s", xy.Term, xy.Outcome),
		Desc: fmt.Sprintf("Each case's membership in %s (across) and in %s (up); consistency inclS %.3f, coverage covS %.3f. Cases above the diagonal are consistent with %s being sufficient for %s.",
			xy.Term, xy.Outcome, xy.InclS, xy.CovS, xy.Term, xy.Outcome),
		X:    chart.Axis{Label: "membership in " + xy.Term, Min: &zero, Max: &one},
		Y:    chart.Axis{Label: "membership in " + xy.Outcome, Min: &zero, Max: &one},
		RefX: []float64{0.5}, RefY: []float64{0.5},
		Series: []chart.Series{others, hi}, Width: 12 * vg.Centimeter, Height: 12 * vg.Centimeter}
}
