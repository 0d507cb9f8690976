package report

import (
	"fmt"
	"sort"
	"strconv"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// Options are the settings of a run of packs.
type Options struct {
	// Period is the period packs report on; 0: each area's latest period with scores.
	Period int
	// Version is the program version printed in the appendix.
	Version string
	// DBFile names the database the packs were read from; DBSHA256 is the
	// checksum of its data (steps.Fingerprint: every load's file checksum
	// and status, and the settings of the results), the same whichever
	// process reads it.
	DBFile, DBSHA256 string
	// Generated is when the scores and labels the pack shows were made, as
	// shown ("" to leave it out, as golden tests do).
	Generated string
	// Stale says, when the scores and labels are older than the data, which
	// and what changed since (steps.Staleness.Message); "" when up to date.
	Stale string
	// Excerpts is how many excerpts per code the HTML shows (0: 5); the
	// workbook has them all.
	Excerpts int
}

// Pack is one area's evidence pack, ready to render as HTML and XLSX.
type Pack struct {
	Area          *Area
	Period        int
	Periods       []int // periods with scores for this area
	Synthetic     bool  // some figures compared here are synthetic
	AreaSynthetic bool  // this area's own figures are synthetic
	Opt           Options

	// 1. The area
	Returns        []ReturnRow
	ReturnPeriods  []int
	MissingReturns int

	// 2. Resident-led profile
	Profile       []*Score            // this area's score per definition (main resident definition)
	Strip         map[string][]*Score // all areas' scores per definition, same period and resident definition
	ResidentRanks []ResidentRanks
	ResidentDefs  []string

	// 3. All of the above
	Composite      *Score
	Interval       *Uncertainty
	AllInterval    []*Uncertainty // every area's interval in the period, best first
	Sensitivity    []Sensitivity  // Sobol indices of this area's rank
	AllSensitivity []Sensitivity  // their mean over the areas
	RobustPairs    []string       // "Birchfield ranks above Hanwell in 99% of draws"

	// 4. Leadership model
	Classification *Classification
	Stability      *Stability
	Memberships    []Membership
	Indicators     []Indicator
	ModelEvidence  []ModelEvidence
	QCA            []QCAArea // the QCA analyses' view of the area

	// 5. Approaches and focus
	Approaches []Approach

	// 6. Voices
	Codes     []CodeCount
	Agreement []CodeAgreement // between coders, on the codes the evidence uses, then all

	// 7. Over time
	Trend           []*Score // this area's main scores over every period
	TrendRanks      []*Uncertainty
	TrendMembership []Membership

	// 8. Appendix
	Parts       []Part
	Quarantine  []Quarantined
	Definitions []Definition
	ScoreSet    []Setting
	ClassSet    []Setting

	data *Data
}

// ReturnRow says which periods hold a kind of return for the area.
type ReturnRow struct {
	Kind  string
	Cells []ReturnCell // one per Pack.ReturnPeriods
}

// ReturnCell is one kind of return in one period.
type ReturnCell struct {
	Period  int
	Present bool
	Rows    int64
	Loads   []int64
}

// ResidentRanks is a definition's rank under each resident definition.
type ResidentRanks struct {
	Definition, Label string
	Ranks             []*Score // one per Pack.ResidentDefs (nil when none)
}

// ModelEvidence is what the interviews say for one model.
type ModelEvidence struct {
	Target       string // as the codebook names it
	Segments     []Segment
	LowAgreement []CodeAgreement // its segments' codes on which coders agree too little
}

// CodeCount is one interview code and its coded segments in the area.
type CodeCount struct {
	Code      string
	Segments  []Segment
	Agreement *CodeAgreement // nil when no two coders coded the same source with it
}

// mainResidentDef is the resident definition figures are shown under: R1
// (lives here), the analyses' default, or "-" for definitions that do not
// depend on it.
func mainResidentDef(defs map[string]bool) string {
	for _, r := range []string{"R1", "-", ""} {
		if defs[r] {
			return r
		}
	}
	var all []string
	for r := range defs {
		all = append(all, r)
	}
	sort.Strings(all)
	if len(all) > 0 {
		return all[0]
	}
	return ""
}

// Pack builds the pack of one area from memory.
func (d *Data) Pack(areaID string, opt Options) (*Pack, error) {
	area, err := d.Area(areaID)
	if err != nil {
		return nil, err
	}
	rows := d.byArea[areaID]
	p := &Pack{Area: area, Synthetic: d.Synthetic(), AreaSynthetic: area.Synthetic, Opt: opt, data: d,
		Definitions: d.Definitions, ScoreSet: d.ScoreSettings, ClassSet: d.ClassifySettings}

	// Periods with scores for this area; the pack's period.
	seen := map[int]bool{}
	for _, i := range rows.scores {
		seen[d.Scores[i].Period] = true
	}
	for pr := range seen {
		p.Periods = append(p.Periods, pr)
	}
	sort.Ints(p.Periods)
	switch {
	case opt.Period != 0 && !seen[opt.Period]:
		return nil, fmt.Errorf("%s has no scores for %s: its periods are %s", area.Name, schemas.Period(opt.Period).String(), periodList(p.Periods))
	case opt.Period != 0:
		p.Period = opt.Period
	case len(p.Periods) > 0:
		p.Period = p.Periods[len(p.Periods)-1]
	default:
		return nil, fmt.Errorf("%s has no scores: has any return for it been loaded? Run 'obs status' to see", area.Name)
	}

	p.returns(rows)
	p.profile(rows)
	p.leadership(rows)
	p.qcaSection()
	for _, i := range rows.approaches {
		if a := d.Approaches[i]; a.Period == p.Period {
			p.Approaches = append(p.Approaches, a)
		}
	}
	p.voices(rows)
	p.stabilityAgreement()
	for _, i := range rows.parts {
		p.Parts = append(p.Parts, d.Parts[i])
	}
	for _, i := range rows.quarantine {
		p.Quarantine = append(p.Quarantine, d.Quarantine[i])
	}
	return p, nil
}

func (p *Pack) returns(rows *areaRows) {
	d := p.data
	type key struct {
		kind   string
		period int
	}
	cells := map[key]*ReturnCell{}
	periods := map[int]bool{p.Period: true}
	for _, i := range rows.parts {
		pt := d.Parts[i]
		if pt.SupersededBy.Valid || !pt.Period.Valid {
			continue
		}
		k := key{pt.Kind, int(pt.Period.Int64)}
		periods[k.period] = true
		c := cells[k]
		if c == nil {
			c = &ReturnCell{Period: k.period, Present: true}
			cells[k] = c
		}
		c.Rows += pt.Rows
		if n := len(c.Loads); n == 0 || c.Loads[n-1] != pt.LoadID {
			c.Loads = append(c.Loads, pt.LoadID)
		}
	}
	for _, pr := range p.Periods {
		periods[pr] = true
	}
	for pr := range periods {
		p.ReturnPeriods = append(p.ReturnPeriods, pr)
	}
	sort.Ints(p.ReturnPeriods)
	for _, k := range returnKinds() {
		r := ReturnRow{Kind: k}
		for _, pr := range p.ReturnPeriods {
			if c := cells[key{k, pr}]; c != nil {
				r.Cells = append(r.Cells, *c)
			} else {
				r.Cells = append(r.Cells, ReturnCell{Period: pr})
				if pr == p.Period {
					p.MissingReturns++
				}
			}
		}
		p.Returns = append(p.Returns, r)
	}
}

func (p *Pack) profile(rows *areaRows) {
	d := p.data
	// This area's scores in the period by definition and resident definition.
	mine := map[string]map[string]*Score{}
	for _, i := range rows.scores {
		s := &d.Scores[i]
		if s.Period != p.Period {
			continue
		}
		if mine[s.Definition] == nil {
			mine[s.Definition] = map[string]*Score{}
		}
		mine[s.Definition][s.ResidentDef] = s
	}
	var ids []string
	for id := range mine {
		ids = append(ids, id)
	}
	d.sortDefs(ids)
	rds := map[string]bool{}
	main := map[string]string{}
	for _, id := range ids {
		present := map[string]bool{}
		for r := range mine[id] {
			present[r] = true
			if r != "-" && r != "" {
				rds[r] = true
			}
		}
		main[id] = mainResidentDef(present)
	}
	for r := range rds {
		p.ResidentDefs = append(p.ResidentDefs, r)
	}
	sort.Strings(p.ResidentDefs)
	p.Strip = map[string][]*Score{}
	for _, id := range ids {
		s := mine[id][main[id]]
		if id == "all" {
			p.Composite = s
		} else {
			p.Profile = append(p.Profile, s)
		}
		p.Strip[id] = d.slice(p.Period, id, main[id])
		if len(mine[id]) > 1 || (len(p.ResidentDefs) > 0 && main[id] != "-") {
			rr := ResidentRanks{Definition: id, Label: s.Label}
			for _, r := range p.ResidentDefs {
				rr.Ranks = append(rr.Ranks, mine[id][r])
			}
			p.ResidentRanks = append(p.ResidentRanks, rr)
		}
	}
	for _, i := range rows.uncertainty {
		u := &d.Uncertainty[i]
		p.TrendRanks = append(p.TrendRanks, u)
		if u.Period == p.Period {
			p.Interval = u
		}
	}
	for i := range d.Uncertainty {
		if u := &d.Uncertainty[i]; u.Period == p.Period {
			p.AllInterval = append(p.AllInterval, u)
		}
	}
	p.robustness(d)
	// Over time: the main figure of each definition in every period.
	for _, i := range rows.scores {
		s := &d.Scores[i]
		if m, ok := main[s.Definition]; ok && s.ResidentDef == m {
			p.Trend = append(p.Trend, s)
		}
	}
	sort.SliceStable(p.Trend, func(i, j int) bool {
		a, b := p.Trend[i], p.Trend[j]
		if a.Definition != b.Definition {
			return d.defPosition(a.Definition) < d.defPosition(b.Definition) || (d.defPosition(a.Definition) == d.defPosition(b.Definition) && a.Definition < b.Definition)
		}
		return a.Period < b.Period
	})
}

// slice returns every area's score for one period, definition and resident
// definition.
func (d *Data) slice(period int, def, rd string) []*Score {
	return d.slices[sliceKey{period, def, rd}]
}

type sliceKey struct {
	period  int
	def, rd string
}

func (p *Pack) leadership(rows *areaRows) {
	d := p.data
	for _, i := range rows.classifications {
		if c := &d.Classifications[i]; c.Period == p.Period {
			p.Classification = c
		}
	}
	for _, i := range rows.memberships {
		m := d.Memberships[i]
		p.TrendMembership = append(p.TrendMembership, m)
		if m.Period == p.Period {
			p.Memberships = append(p.Memberships, m)
		}
	}
	for _, i := range rows.indicators {
		if x := d.Indicators[i]; x.Period == p.Period {
			p.Indicators = append(p.Indicators, x)
		}
	}
	// Excerpts coded to each model, through the codebook mapping.
	targets := map[string][]string{} // code -> model targets
	for _, m := range d.Mappings {
		if m.TargetType == "model" {
			targets[m.Code] = append(targets[m.Code], m.Target)
		}
	}
	byTarget := map[string][]Segment{}
	for _, i := range rows.segments {
		s := d.Segments[i]
		if s.Period.Valid && int(s.Period.Int64) != p.Period {
			continue
		}
		for _, t := range targets[s.Code] {
			byTarget[t] = append(byTarget[t], s)
		}
	}
	var ts []string
	for t := range byTarget {
		ts = append(ts, t)
	}
	sort.Slice(ts, func(i, j int) bool {
		return modelNumber(ts[i]) < modelNumber(ts[j]) || (modelNumber(ts[i]) == modelNumber(ts[j]) && ts[i] < ts[j])
	})
	for _, t := range ts {
		p.ModelEvidence = append(p.ModelEvidence, ModelEvidence{Target: t, Segments: byTarget[t]})
	}
}

// modelNumber reads the model's number from a codebook target ("2",
// "model 2", "2 dispersed working groups"); 9 when there is none.
func modelNumber(target string) int {
	for _, f := range strings.FieldsFunc(target, func(r rune) bool { return r < '0' || r > '9' }) {
		if n, err := strconv.Atoi(f); err == nil && n >= 1 && n <= 3 {
			return n
		}
	}
	return 9
}

func (p *Pack) voices(rows *areaRows) {
	d := p.data
	idx := map[string]int{}
	for _, i := range rows.segments {
		s := d.Segments[i]
		j, ok := idx[s.Code]
		if !ok {
			j = len(p.Codes)
			idx[s.Code] = j
			p.Codes = append(p.Codes, CodeCount{Code: s.Code})
		}
		p.Codes[j].Segments = append(p.Codes[j].Segments, s)
	}
	sort.SliceStable(p.Codes, func(i, j int) bool {
		if len(p.Codes[i].Segments) != len(p.Codes[j].Segments) {
			return len(p.Codes[i].Segments) > len(p.Codes[j].Segments)
		}
		return p.Codes[i].Code < p.Codes[j].Code
	})
}

func periodList(ps []int) string {
	if len(ps) == 0 {
		return "none"
	}
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = schemas.Period(p).String()
	}
	return strings.Join(s, ", ")
}
