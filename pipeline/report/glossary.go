package report

import (
	"slices"
	"sort"
)

// Definition is one definition of "resident-led", for the glossary.
type Definition struct {
	ID, Label, Unit, Direction, Base string
	ByResident                       bool   // depends on the resident definition
	About                            string // the description from the definition's header, if known
}

// defPosition is where definition id comes in tables: the order scoring
// wrote the definitions in (their headers' order), the composite last; one
// the scores do not hold comes after them.
func (d *Data) defPosition(id string) int {
	if i := slices.Index(d.defOrder, id); i >= 0 {
		return i
	}
	return len(d.defOrder)
}

// sortDefs orders definition ids as the scores do, then by id.
func (d *Data) sortDefs(ids []string) {
	sort.SliceStable(ids, func(i, j int) bool {
		oi, oj := d.defPosition(ids[i]), d.defPosition(ids[j])
		if oi != oj {
			return oi < oj
		}
		return ids[i] < ids[j]
	})
}

// glossary derives the definitions from the scores table's labels.
func (d *Data) glossary() []Definition {
	seen := map[string]int{}
	var defs []Definition
	for _, s := range d.Scores {
		i, ok := seen[s.Definition]
		if !ok {
			i = len(defs)
			seen[s.Definition] = i
			defs = append(defs, Definition{ID: s.Definition, Label: s.Label, Unit: s.Unit, Direction: s.Direction, Base: s.BaseLabel})
		}
		df := &defs[i]
		if s.ResidentDef != "" && s.ResidentDef != "-" {
			df.ByResident = true
		}
		if df.Base == "" {
			df.Base = s.BaseLabel
		}
	}
	sort.SliceStable(defs, func(i, j int) bool {
		oi, oj := d.defPosition(defs[i].ID), d.defPosition(defs[j].ID)
		if oi != oj {
			return oi < oj
		}
		return defs[i].ID < defs[j].ID
	})
	for i := range defs {
		if defs[i].ID == "all" && defs[i].About == "" {
			defs[i].About = "All of the above: the weighted mean of the normalised definitions an area has, with its coverage; missing when coverage is below the threshold."
		}
	}
	return defs
}

// Describe sets each definition's description (the prose of its header in
// queries/definitions), by definition id.
func (d *Data) Describe(about map[string]string) {
	for i := range d.Definitions {
		if a, ok := about[d.Definitions[i].ID]; ok && a != "" {
			d.Definitions[i].About = a
		}
	}
}
