package report

import "sort"

// Definition is one definition of "resident-led", for the glossary.
type Definition struct {
	ID, Label, Unit, Direction, Base string
	ByResident                       bool   // depends on the resident definition
	About                            string // the description from the definition's header, if known
}

// canonical is the seed's order of the definitions; others follow by id.
var canonical = []string{"composition", "turnout", "consultation", "volunteering", "social_media",
	"new_projects", "local_support", "lto_local", "all"}

func defOrder(id string) int {
	for i, c := range canonical {
		if c == id {
			return i
		}
	}
	return len(canonical)
}

// sortDefs orders definition ids as the seed lists them, then by id.
func sortDefs(ids []string) {
	sort.SliceStable(ids, func(i, j int) bool {
		oi, oj := defOrder(ids[i]), defOrder(ids[j])
		if oi != oj {
			return oi < oj
		}
		return ids[i] < ids[j]
	})
}

// glossary derives the definitions from the scores table's labels.
func glossary(scores []Score) []Definition {
	seen := map[string]int{}
	var defs []Definition
	for _, s := range scores {
		i, ok := seen[s.Definition]
		if !ok {
			i = len(defs)
			seen[s.Definition] = i
			defs = append(defs, Definition{ID: s.Definition, Label: s.Label, Unit: s.Unit, Direction: s.Direction, Base: s.BaseLabel})
		}
		d := &defs[i]
		if s.ResidentDef != "" && s.ResidentDef != "-" {
			d.ByResident = true
		}
		if d.Base == "" {
			d.Base = s.BaseLabel
		}
	}
	sort.SliceStable(defs, func(i, j int) bool {
		oi, oj := defOrder(defs[i].ID), defOrder(defs[j].ID)
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
