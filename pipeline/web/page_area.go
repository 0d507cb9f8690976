package web

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"html/template"
	"net/http"
	"slices"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/report"
)

// areaDef is one definition on the area page: the area's figure and where
// it sits among the others.
type areaDef struct {
	Def    definition
	Mine   score
	Chart  template.HTML
	Ranks  map[string]sql.NullInt64 // rank under R1, R2, R3 (or "-")
	Others int                      // areas with a value
}

type areaModel struct {
	Label, ComputedLabel, Override, Rationale, By, Evidence string
	Stability                                               string // how often the computed label holds when the rubric is varied, in words
	Chart                                                   template.HTML
	Known                                                   bool
}

type areaPeriod struct {
	Period  int
	Present []string
	Missing []string
}

func (s *Server) areaList(w http.ResponseWriter, r *http.Request) {
	s.cached(w, r, "area", func(ctx context.Context) (string, template.HTML, error) {
		as, err := s.areas(ctx)
		if err != nil {
			return "", "", err
		}
		body, err := content("areas", map[string]any{"Areas": as})
		return "Areas", body, err
	})
}

func (s *Server) areaPage(w http.ResponseWriter, r *http.Request) {
	s.cached(w, r, "area", func(ctx context.Context) (string, template.HTML, error) {
		id := r.PathValue("id")
		a, err := s.area(ctx, id)
		if err != nil {
			return "", "", err
		}
		q := r.URL.Query()
		period, periods, err := s.choosePeriod(ctx, q.Get("period"))
		if err != nil {
			return "", "", err
		}
		rd := residentDef(q.Get("rd"))
		defs, err := s.areaDefs(ctx, a, period, rd)
		if err != nil {
			return "", "", err
		}
		model, err := s.areaModel(ctx, a, period)
		if err != nil {
			return "", "", err
		}
		coverage, err := s.areaCoverage(ctx, a.ID)
		if err != nil {
			return "", "", err
		}
		var unc struct {
			Median, P05, P95 sql.NullFloat64
			Ranked           sql.NullBool
			N                sql.NullInt64
		}
		err = s.st.DB.QueryRowContext(ctx, areaUncertaintySQL,
			a.ID, period).Scan(&unc.Median, &unc.P05, &unc.P95, &unc.Ranked, &unc.N)
		if err != nil && !errors.Is(err, sql.ErrNoRows) {
			return "", "", err
		}
		var scored, quarantined int
		s.st.DB.QueryRowContext(ctx, areaScoredSQL, a.ID, period).Scan(&scored)
		s.st.DB.QueryRowContext(ctx, areaQuarantinedSQL, a.ID).Scan(&quarantined)
		body, err := content("area", map[string]any{
			"A": a, "Period": period, "Periods": periods, "RD": rd, "RDs": residentDefs, "Defs": defs, "Model": model,
			"CanOverride": s.opt.Keyring != nil, "OverrideLabels": overrideLabels(),
			"Coverage": coverage, "Unc": unc, "Quarantined": quarantined, "TemplatePeriods": templatePeriods(periods, time.Now()),
			"Scored": scored > 0, "HTML": slices.Contains(s.opt.PackFormats, "html"), "XLSX": slices.Contains(s.opt.PackFormats, "xlsx"),
			"PDF": slices.Contains(s.opt.PackFormats, "pdf"),
		})
		return a.Name, body, err
	})
}

func (s *Server) area(ctx context.Context, id string) (area, error) {
	var a area
	err := s.st.DB.QueryRowContext(ctx, areaSQL, id).
		Scan(&a.ID, &a.Name, &a.LocalAuthority, &a.Region, &a.Population, &a.Synthetic)
	if errors.Is(err, sql.ErrNoRows) {
		return a, notFound{fmt.Sprintf("There is no area %q. The Areas page lists them all.", id)}
	}
	return a, err
}

// areaDefs gathers every definition's figure for the area, with every
// area's value for the strip chart and the area's rank under each resident
// definition.
func (s *Server) areaDefs(ctx context.Context, a area, period int, rd string) ([]areaDef, error) {
	defs, err := s.definitions(ctx)
	if err != nil {
		return nil, err
	}
	rows, err := s.st.DB.QueryContext(ctx, areaDefsSQL, period)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	byDef := map[string]*areaDef{}
	var out []*areaDef
	for _, d := range defs {
		ad := &areaDef{Def: d, Ranks: map[string]sql.NullInt64{}}
		ad.Mine = score{AreaID: a.ID, Area: a.Name, Missing: "no score for this year"}
		byDef[d.Name] = ad
		out = append(out, ad)
	}
	points := map[string][]point{}
	for rows.Next() {
		var def, rdef string
		var sc score
		if err := rows.Scan(&def, &sc.AreaID, &sc.Area, &sc.Value, &sc.Rank, &sc.NAreas, &sc.Unit, &sc.Missing, &sc.Note, &rdef, &sc.Coverage, &sc.MinMax); err != nil {
			return nil, err
		}
		ad := byDef[def]
		if ad == nil {
			continue
		}
		sc.ResidentDef = rdef
		if sc.AreaID == a.ID {
			ad.Ranks[rdef] = sc.Rank
		}
		if rdef != rd && rdef != "-" {
			continue
		}
		if sc.AreaID == a.ID {
			ad.Mine = sc
		}
		if sc.Value.Valid {
			points[def] = append(points[def], point{Label: sc.Area, Value: sc.Value.Float64, Highlight: sc.AreaID == a.ID})
			ad.Others++
		}
	}
	if err := rows.Err(); err != nil {
		return nil, err
	}
	res := make([]areaDef, 0, len(out))
	for _, ad := range out {
		lo, hi := "lowest", "highest"
		if ad.Def.Direction == "lower" {
			lo, hi = "lowest (more resident-led)", "highest"
		} else if ad.Def.Direction == "higher" {
			hi = "highest (more resident-led)"
		}
		if len(points[ad.Def.Name]) > 0 {
			ad.Chart = stripChart(fmt.Sprintf("%s: %s among the areas, %s", ad.Def.Label, a.Name, periodLabel(period)),
				fmt.Sprintf("Each dot is an area's value (%s); the large labelled dot is %s.", ad.Def.Unit, a.Name), points[ad.Def.Name], lo, hi)
		}
		res = append(res, *ad)
	}
	return res, nil
}

func (s *Server) areaModel(ctx context.Context, a area, period int) (areaModel, error) {
	var m areaModel
	var m1, m2, m3 sql.NullFloat64
	var label, computed, override, rationale, by, evidence, stability sql.NullString
	err := s.st.DB.QueryRowContext(ctx, areaModelSQL, a.ID, period).
		Scan(&label, &computed, &override, &rationale, &by, &evidence, &m1, &m2, &m3, &stability)
	if errors.Is(err, sql.ErrNoRows) {
		return m, nil
	}
	if err != nil {
		return m, err
	}
	m.Known = true
	m.Label, m.ComputedLabel, m.Override, m.Rationale, m.By, m.Evidence = label.String, computed.String, override.String, rationale.String, by.String, evidence.String
	m.Stability = stability.String
	m.Chart = membershipChart(fmt.Sprintf("%s: membership of the three leadership models, %s", a.Name, periodLabel(period)),
		"Calibrated membership from 0 to 1 of each model; 0.5 (dashed) is the crossover: below it the area is more out than in.",
		[]string{report.ModelName(1), report.ModelName(2), report.ModelName(3)},
		[]float64{m1.Float64, m2.Float64, m3.Float64}, []bool{m1.Valid, m2.Valid, m3.Valid})
	return m, nil
}

// areaCoverage lists, per period, the kinds of return present and missing.
func (s *Server) areaCoverage(ctx context.Context, id string) ([]areaPeriod, error) {
	rows, err := s.st.DB.QueryContext(ctx, areaCoverageSQL, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []areaPeriod
	for rows.Next() {
		var p areaPeriod
		var kinds []any
		if err := rows.Scan(&p.Period, &kinds); err != nil {
			return nil, err
		}
		have := map[string]bool{}
		for _, k := range kinds {
			if ks, ok := k.(string); ok {
				have[ks] = true
			}
		}
		for _, k := range returnKinds {
			if have[k] {
				p.Present = append(p.Present, k)
			} else {
				p.Missing = append(p.Missing, k)
			}
		}
		out = append(out, p)
	}
	return out, rows.Err()
}
