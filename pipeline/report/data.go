package report

import (
	"errors"
	"fmt"
	"sort"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// ErrNoScores means the result tables are empty: the analyses have not run.
var ErrNoScores = errors.New("there are no scores in the database yet: run 'obs score' and 'obs classify' first (or 'obs build', which does everything)")

// ErrUnknownArea is wrapped by the error for an area id the database does not hold.
var ErrUnknownArea = errors.New("unknown area")

// Data is everything the packs show, read once for all areas: each pack is
// then rendered from memory.
type Data struct {
	Areas            []Area
	Scores           []Score
	Agreement        []Agreement
	Uncertainty      []Uncertainty
	Sensitivity      []Sensitivity
	RobustPairs      []RobustPair
	Indicators       []Indicator
	Memberships      []Membership
	Classifications  []Classification
	Approaches       []Approach
	Segments         []Segment
	Mappings         []Mapping
	Stability        []Stability
	CodeAgreement    []CodeAgreement
	Parts            []Part
	Quarantine       []Quarantined
	ScoreSettings    []Setting
	ClassifySettings []Setting
	// Definitions is the glossary, in the order the scores give them.
	Definitions []Definition
	// QCA are the shipped QCA analyses run on every period.
	QCA []qcaRun

	defOrder []string // definition ids in table order, the composite last
	areaIdx  map[string]int
	byArea   map[string]*areaRows
	slices   map[sliceKey][]*Score
}

// areaRows indexes the rows of one area.
type areaRows struct {
	scores, indicators, memberships, classifications, approaches, segments, parts, quarantine, uncertainty []int
}

// index builds the per-area indexes and the glossary; Load calls it, and
// tests that fill a Data by hand.
func (d *Data) index() {
	d.areaIdx = make(map[string]int, len(d.Areas))
	d.byArea = make(map[string]*areaRows, len(d.Areas))
	for i, a := range d.Areas {
		d.areaIdx[a.ID] = i
		d.byArea[a.ID] = &areaRows{}
	}
	get := func(id string) *areaRows {
		r := d.byArea[id]
		if r == nil {
			r = &areaRows{}
			d.byArea[id] = r
		}
		return r
	}
	d.slices = map[sliceKey][]*Score{}
	for i := range d.Scores {
		s := &d.Scores[i]
		r := get(s.Area)
		r.scores = append(r.scores, i)
		k := sliceKey{s.Period, s.Definition, s.ResidentDef}
		d.slices[k] = append(d.slices[k], s)
	}
	// Every other table that has an area, one line each: its length, a row's
	// area, and the area's list of that table's rows.
	for _, t := range []struct {
		n    int
		area func(i int) string
		list func(*areaRows) *[]int
	}{
		{len(d.Uncertainty), func(i int) string { return d.Uncertainty[i].Area }, func(r *areaRows) *[]int { return &r.uncertainty }},
		{len(d.Indicators), func(i int) string { return d.Indicators[i].Area }, func(r *areaRows) *[]int { return &r.indicators }},
		{len(d.Memberships), func(i int) string { return d.Memberships[i].Area }, func(r *areaRows) *[]int { return &r.memberships }},
		{len(d.Classifications), func(i int) string { return d.Classifications[i].Area }, func(r *areaRows) *[]int { return &r.classifications }},
		{len(d.Approaches), func(i int) string { return d.Approaches[i].Area }, func(r *areaRows) *[]int { return &r.approaches }},
		{len(d.Segments), func(i int) string { return d.Segments[i].Area }, func(r *areaRows) *[]int { return &r.segments }},
		{len(d.Parts), func(i int) string { return d.Parts[i].Area }, func(r *areaRows) *[]int { return &r.parts }},
		{len(d.Quarantine), func(i int) string { return d.Quarantine[i].Area }, func(r *areaRows) *[]int { return &r.quarantine }},
	} {
		for i := range t.n {
			l := t.list(get(t.area(i)))
			*l = append(*l, i)
		}
	}
	if len(d.Definitions) == 0 {
		d.Definitions = d.glossary()
	}
}

// Synthetic says whether any area's figures are synthetic: then every page
// carries the banner, as every pack compares its area with all the others.
func (d *Data) Synthetic() bool {
	for _, a := range d.Areas {
		if a.Synthetic {
			return true
		}
	}
	return false
}

// Periods lists the periods that have scores, in order.
func (d *Data) Periods() []int {
	seen := map[int]bool{}
	var ps []int
	for _, s := range d.Scores {
		if !seen[s.Period] {
			seen[s.Period] = true
			ps = append(ps, s.Period)
		}
	}
	sort.Ints(ps)
	return ps
}

// ScoredAreas lists the areas that have scores, in id order.
func (d *Data) ScoredAreas() []Area {
	var out []Area
	for _, a := range d.Areas {
		if r := d.byArea[a.ID]; r != nil && len(r.scores) > 0 {
			out = append(out, a)
		}
	}
	return out
}

// Area returns the area of that id, or an error that lists the valid ids and
// the nearest one.
func (d *Data) Area(id string) (*Area, error) {
	if i, ok := d.areaIdx[id]; ok {
		return &d.Areas[i], nil
	}
	ids := make([]string, len(d.Areas))
	for i, a := range d.Areas {
		ids[i] = a.ID
	}
	return nil, &UnknownAreaError{ID: id, Near: nearest(id, ids), Areas: ids}
}

// UnknownAreaError is an area id the database does not hold; errors.Is
// matches it to ErrUnknownArea.
type UnknownAreaError struct {
	ID    string
	Near  string   // the nearest id there is, if one is near
	Areas []string // the ids there are
}

// Message says what is wrong without the kind: "there is no area "x". Did
// you mean "y"? The areas are: ...".
func (e *UnknownAreaError) Message() string {
	msg := fmt.Sprintf("there is no area %q.", e.ID)
	if e.Near != "" {
		msg += fmt.Sprintf(" Did you mean %q?", e.Near)
	}
	return msg + " The areas are: " + strings.Join(e.Areas, ", ")
}

func (e *UnknownAreaError) Error() string { return ErrUnknownArea.Error() + ": " + e.Message() }
func (e *UnknownAreaError) Unwrap() error { return ErrUnknownArea }

// nearest is the id s was probably meant to be: one that contains it, else
// the closest by edit distance, if close enough.
func nearest(s string, ids []string) string {
	ls := strings.ToLower(s)
	for _, id := range ids {
		if ls != "" && strings.Contains(id, ls) {
			return id
		}
	}
	if near, ok := schemas.Nearest(s, ids); ok {
		return near
	}
	return ""
}

// returnKinds are the kinds of return a pack reports as present or missing.
func returnKinds() []string {
	var ks []string
	for _, k := range schemas.Kinds() {
		if !k.Reference {
			ks = append(ks, k.Name)
		}
	}
	return ks
}
