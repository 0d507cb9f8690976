package report

import (
	"database/sql"
	"strconv"

	"github.com/ourbiggerstory/obs/schemas"
)

// sheets lays the pack out as workbook sheets, one per section, each table
// the figures behind a chart or a table of the HTML page.
func (p *Pack) sheets() []sheet {
	d := p.data
	me := func(area string) bool { return area == p.Area.ID }
	pl := func(pr int) string { return schemas.Period(pr).String() }
	npl := func(v sql.NullInt64) any {
		if v.Valid {
			return schemas.Period(int(v.Int64)).String()
		}
		return nil
	}

	// 1. The area
	var ret block
	ret.cols = []col{{"kind of return", text}, {"period", text}, {"present", yesno}, {"rows", whole}, {"loads", text}}
	for _, r := range p.Returns {
		for _, c := range r.Cells {
			ret.rows = append(ret.rows, []any{r.Kind, pl(c.Period), c.Present, nullIf(c.Present, c.Rows), joinLoads(c.Loads)})
		}
	}
	facts := block{title: "The area", cols: []col{{"field", text}, {"value", text}}, rows: [][]any{
		{"area id", p.Area.ID}, {"name", p.Area.Name}, {"local authority", p.Area.LocalAuthority}, {"region", p.Area.Region},
		{"population", nullInt(p.Area.Population)}, {"households", nullInt(p.Area.Households)},
		{"synthetic figures", p.AreaSynthetic}, {"pack period", pl(p.Period)}, {"periods with scores", periodList(p.Periods)},
	}}

	// 2. Resident-led profile
	prof := block{cols: []col{{"definition", text}, {"label", text}, {"resident definition", text}, {"value", dec3}, {"unit", text},
		{"base", dec1}, {"base is", text}, {"rank", whole}, {"areas ranked", whole}, {"min-max 0-100", dec1}, {"z-score", dec2},
		{"percentile", dec1}, {"note", text}, {"why missing", text}}}
	for _, s := range p.Profile {
		prof.rows = append(prof.rows, []any{s.Definition, s.Label, s.ResidentDef, s.Value, s.Unit, s.Base, s.BaseLabel, s.Rank, s.NAreas,
			s.MinMax, s.Z, s.Percentile, s.Note, s.Missing})
	}
	strip := block{title: "All areas, " + pl(p.Period) + " (the strip charts)", cols: []col{{"definition", text}, {"resident definition", text},
		{"area id", text}, {"area", text}, {"value", dec3}, {"unit", text}, {"rank", whole}, {"min-max 0-100", dec1}, {"this area", yesno}}}
	for _, s := range p.Profile {
		for _, o := range p.Strip[s.Definition] {
			strip.rows = append(strip.rows, []any{o.Definition, o.ResidentDef, o.Area, d.areaName(o.Area), o.Value, o.Unit, o.Rank, o.MinMax, me(o.Area)})
		}
	}
	res := block{title: "Rank under each resident definition", cols: []col{{"definition", text}, {"label", text}}}
	for _, r := range p.ResidentDefs {
		res.cols = append(res.cols, col{"rank " + r, whole}, col{"value " + r, dec3})
	}
	for _, rr := range p.ResidentRanks {
		row := []any{rr.Definition, rr.Label}
		for _, s := range rr.Ranks {
			if s == nil {
				row = append(row, nil, nil)
			} else {
				row = append(row, s.Rank, s.Value)
			}
		}
		res.rows = append(res.rows, row)
	}

	// 3. All of the above
	iv := block{cols: []col{{"area id", text}, {"area", text}, {"period", text}, {"composite rank", whole}, {"median rank", dec1},
		{"rank 5th percentile", dec1}, {"rank 95th percentile", dec1}, {"draws", whole}, {"ranked", yesno}, {"areas", whole}, {"this area", yesno}}}
	for _, u := range p.AllInterval {
		iv.rows = append(iv.rows, []any{u.Area, d.areaName(u.Area), pl(u.Period), u.Rank, u.Median, u.P05, u.P95, u.Draws, u.Ranked, u.NAreas, me(u.Area)})
	}
	comp := block{title: "Composite for " + p.Area.Name, cols: []col{{"field", text}, {"value", dec2}}}
	if c := p.Composite; c != nil {
		comp.rows = [][]any{{"composite (0-100)", c.Value}, {"rank", nullIntF(c.Rank)}, {"areas ranked", nullIntF(c.NAreas)}, {"coverage (share of weight)", c.Coverage}}
		comp.rows = append(comp.rows, []any{"definitions covered: " + c.Covered, nil})
		if c.Missing != "" {
			comp.rows = append(comp.rows, []any{"why missing: " + c.Missing, nil})
		}
	}

	// 4. Leadership model
	mem := block{cols: []col{{"model", whole}, {"model name", text}, {"membership", dec3}, {"indicators with a value", whole}, {"coded segments", whole}}}
	for _, m := range p.Memberships {
		mem.rows = append(mem.rows, []any{m.Model, m.ModelName, m.Membership, m.Indicators, m.Codes})
	}
	cls := block{title: "Label", cols: []col{{"field", text}, {"value", text}}}
	if c := p.Classification; c != nil {
		cls.rows = [][]any{{"label (to report)", c.Label}, {"computed label", c.Computed}, {"override label", c.OverrideLabel},
			{"override rationale", c.Rationale}, {"overridden by", c.By}, {"evidence", c.Evidence}}
	}
	ind := block{title: "Indicators", cols: []col{{"model", whole}, {"indicator", text}, {"label", text}, {"value", dec3},
		{"full non-membership (0.05)", dec3}, {"crossover (0.5)", dec3}, {"full membership (0.95)", dec3}, {"membership", dec3},
		{"contribution", dec3}, {"why missing", text}}}
	for _, x := range p.Indicators {
		ind.rows = append(ind.rows, []any{x.Model, x.Indicator, x.Label, x.Value, x.NonMember, x.Cross, x.FullMemb, x.Membership, x.Contribution, x.Missing})
	}
	ev := block{title: "Interview segments coded to a model", cols: []col{{"model (codebook)", text}, {"code", text}, {"period", text},
		{"participant (pseudonym)", text}, {"role", text}, {"source", text}, {"excerpt", text}}}
	for _, m := range p.ModelEvidence {
		for _, s := range m.Segments {
			ev.rows = append(ev.rows, []any{m.Target, s.Code, npl(s.Period), s.Participant, s.Role, s.Source, s.Excerpt})
		}
	}

	// 5. Approaches and focus
	ap := block{cols: []col{{"type", text}, {"tag", text}, {"coded segments", whole}, {"projects", whole}, {"evidence", text}}}
	for _, a := range p.Approaches {
		ap.rows = append(ap.rows, []any{a.TagType, a.Tag, a.Codes, a.Projects, a.Evidence})
	}

	// 6. Voices
	counts := block{cols: []col{{"code", text}, {"segments", whole}}}
	ex := block{title: "Excerpts", cols: []col{{"code", text}, {"period", text}, {"source", text}, {"source type", text},
		{"participant (pseudonym)", text}, {"role", text}, {"excerpt", text}, {"load", whole}, {"sheet", text}, {"row", whole}}}
	for _, c := range p.Codes {
		counts.rows = append(counts.rows, []any{c.Code, len(c.Segments)})
		for _, s := range c.Segments {
			ex.rows = append(ex.rows, []any{s.Code, npl(s.Period), s.Source, s.SourceType, s.Participant, s.Role, s.Excerpt, s.LoadID, s.Sheet, s.Row})
		}
	}

	// 7. Over time
	tr := block{cols: []col{{"definition", text}, {"label", text}, {"resident definition", text}, {"period", text}, {"value", dec3},
		{"unit", text}, {"min-max 0-100", dec1}, {"goalposts 0-100", dec1}, {"rank", whole}, {"areas ranked", whole}, {"why missing", text}}}
	for _, s := range p.Trend {
		tr.rows = append(tr.rows, []any{s.Definition, s.Label, s.ResidentDef, pl(s.Period), s.Value, s.Unit, s.MinMax, s.Goalposts, s.Rank, s.NAreas, s.Missing})
	}
	trr := block{title: "Composite rank over time", cols: []col{{"period", text}, {"median rank", dec1}, {"rank 5th percentile", dec1},
		{"rank 95th percentile", dec1}, {"ranked", yesno}, {"areas", whole}}}
	for _, u := range p.TrendRanks {
		trr.rows = append(trr.rows, []any{pl(u.Period), u.Median, u.P05, u.P95, u.Ranked, u.NAreas})
	}
	trm := block{title: "Model memberships over time", cols: []col{{"period", text}, {"model", whole}, {"model name", text}, {"membership", dec3}}}
	for _, m := range p.TrendMembership {
		trm.rows = append(trm.rows, []any{pl(m.Period), m.Model, m.ModelName, m.Membership})
	}

	// 8. Appendix
	prov := block{cols: []col{{"load", whole}, {"file", text}, {"sha256", text}, {"kind", text}, {"period", text}, {"sheet", text},
		{"first row", whole}, {"last row", whole}, {"rows", whole}, {"replaced by load", whole}, {"loaded at", text}, {"replaces", text}}}
	for _, pt := range p.Parts {
		prov.rows = append(prov.rows, []any{pt.LoadID, pt.File, pt.SHA256, pt.Kind, npl(pt.Period), pt.Sheet, pt.FirstRow, pt.LastRow, pt.Rows, pt.SupersededBy, pt.LoadedAt, pt.Replaces})
	}
	q := block{title: "Quarantined rows", cols: []col{{"load", whole}, {"file", text}, {"sheet", text}, {"row", whole}, {"column", text},
		{"column name", text}, {"kind", text}, {"problem", text}, {"message", text}, {"cells as read", text}}}
	for _, x := range p.Quarantine {
		q.rows = append(q.rows, []any{x.LoadID, x.File, x.Sheet, x.Row, x.Col, x.Column, x.Kind, x.ErrorType, x.Message, x.Raw})
	}
	gl := block{title: "Definitions", cols: []col{{"definition", text}, {"label", text}, {"unit", text}, {"more resident-led when", text},
		{"base", text}, {"by resident definition", yesno}, {"what it measures", text}}}
	for _, df := range p.Definitions {
		gl.rows = append(gl.rows, []any{df.ID, df.Label, df.Unit, df.Direction, df.Base, df.ByResident, df.About})
	}
	set := block{title: "Settings used", cols: []col{{"step", text}, {"setting", text}, {"value", text}}}
	for _, s := range p.ScoreSet {
		set.rows = append(set.rows, []any{"obs score", s.Key, s.Value})
	}
	for _, s := range p.ClassSet {
		set.rows = append(set.rows, []any{"obs classify", s.Key, s.Value})
	}
	me2 := block{title: "This pack", cols: []col{{"field", text}, {"value", text}}, rows: [][]any{
		{"program", "obs " + p.Opt.Version}, {"database", p.Opt.DBFile}, {"data checksum (sha256)", p.Opt.DBSHA256}, {"synthetic data", p.Synthetic}}}
	if p.Opt.Generated != "" {
		me2.rows = append(me2.rows, []any{"scores and labels made", p.Opt.Generated})
	}
	if p.Opt.Stale != "" {
		me2.rows = append(me2.rows, []any{"older than the data", "This pack was made from results older than the data: " + p.Opt.Stale + "."})
	}

	return []sheet{
		{"1 Area", []block{ret, facts}},
		{"2 Profile", []block{prof, strip, res}},
		{"3 All of the above", append([]block{iv, comp}, p.robustnessBlocks()...)},
		{"4 Leadership model", []block{mem, cls, ind, ev}},
		{"5 Approaches and focus", []block{ap}},
		{"6 Voices", []block{counts, ex}},
		{"7 Over time", []block{tr, trr, trm}},
		{"8 Appendix", []block{prov, q, gl, set, me2}},
	}
}

func nullIf(ok bool, v int64) any {
	if !ok {
		return nil
	}
	return v
}

func nullInt(v sql.NullInt64) any {
	if !v.Valid {
		return nil
	}
	return v.Int64
}

func nullIntF(v sql.NullInt64) sql.NullFloat64 {
	return sql.NullFloat64{Float64: float64(v.Int64), Valid: v.Valid}
}

func joinLoads(ls []int64) string {
	s := ""
	for i, l := range ls {
		if i > 0 {
			s += ", "
		}
		s += "load " + itoa(l)
	}
	return s
}

func itoa(v int64) string { return strconv.FormatInt(v, 10) }
