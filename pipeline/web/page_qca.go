package web

import (
	"context"
	"database/sql"
	"errors"
	"html/template"
	"math"
	"net/http"
	"strconv"

	"github.com/ourbiggerstory/obs/pipeline/qca"
	"github.com/ourbiggerstory/obs/pipeline/report"
	"github.com/ourbiggerstory/obs/schemas"
)

// qcaList lists the QCA analyses of queries/qca.
func (s *Server) qcaList(w http.ResponseWriter, r *http.Request) {
	s.cached(w, r, "qca", func(ctx context.Context) (string, template.HTML, error) {
		as, err := qca.Analyses()
		if err != nil {
			return "", "", err
		}
		body, err := content("qcas", map[string]any{"List": as})
		return "QCA", body, err
	})
}

// qcaTerm is one term's sufficiency plot and the cases it leaves deviant.
type qcaTerm struct {
	XY      qca.XY
	Chart   template.HTML
	Deviant []string
}

// qcaPage runs one analysis on the reading copy, for the period asked
// (?period=2021-22, default the latest): its columns, truth table,
// solutions with their fit, and each term's XY plot.
func (s *Server) qcaPage(w http.ResponseWriter, r *http.Request) {
	s.cached(w, r, "qca", func(ctx context.Context) (string, template.HTML, error) {
		as, err := qca.Analyses()
		if err != nil {
			return "", "", err
		}
		a := qca.ByName(as, r.PathValue("name"))
		if a == nil {
			return "", "", notFound{"There is no QCA analysis of that name; the QCA page lists them."}
		}
		var ro qca.RunOptions
		if p := r.URL.Query().Get("period"); p != "" {
			var ok bool
			if ro.Period, ok = schemas.ParsePeriod(p); !ok {
				return "", "", badRequest{"The period is written as 2021-22."}
			}
		}
		var run *qca.Run
		err = s.sb.Do(ctx, func(ctx context.Context, db *sql.DB) error {
			run, err = qca.RunAnalysis(ctx, db, a, ro)
			return err
		})
		data := map[string]any{"A": a}
		if errors.Is(err, qca.ErrInput) {
			data["Error"] = err.Error()
		} else if err != nil {
			return "", "", err
		} else {
			var terms []qcaTerm
			for _, xy := range run.Result.XY() {
				terms = append(terms, qcaTerm{XY: xy, Chart: svgOf(report.QCAChart(xy, "")), Deviant: xy.Deviant()})
			}
			data["Run"], data["Rep"], data["Terms"] = run, run.Report, terms
		}
		body, err := content("qca", data)
		return a.Name, body, err
	})
}

// fit3 writes a QCA fit as QCA prints it: three decimals, a dash where it
// does not apply.
func fit3(n any) string {
	var f float64
	switch v := n.(type) {
	case qca.Num:
		f = float64(v)
	case float64:
		f = v
	}
	if math.IsNaN(f) {
		return "–"
	}
	return strconv.FormatFloat(f, 'f', 3, 64)
}
