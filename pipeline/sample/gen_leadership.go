package sample

import (
	"math/rand/v2"
	"strings"
	"time"
)

// Generators for the returns that show how an area is led: its LTO, its
// partnership, working groups, decisions and projects.

func genLTO(w *world, a *areaData, yd *yearData, _ *rand.Rand) []rec {
	r := rng(w.o.Seed, a.p.ID, "lto") // the same organisation every year
	points := r.Perm(4)[:a.p.LTOScore]
	has := func(k int) bool {
		for _, p := range points {
			if p == k {
				return true
			}
		}
		return false
	}
	staff, trustees := 1+r.IntN(6), 5+r.IntN(5)
	row := rec{"works_only_in_area": has(0), "part_of_larger_org": !has(1),
		"staff": staff, "resident_staff": 0, "trustees": trustees, "resident_trustees": 0}
	if has(2) {
		row["resident_staff"] = 1 + r.IntN(staff)
	}
	if has(3) {
		row["resident_trustees"] = 1 + r.IntN(trustees)
	}
	if has(1) {
		row["lto_name"] = a.p.Name + " Community Trust"
	} else {
		row["lto_name"] = pick(r, []string{"Community Action ", "Voluntary Action ", "Groundwork "}) + a.p.LocalAuthority
	}
	return []rec{row}
}

func genPartnership(w *world, a *areaData, yd *yearData, _ *rand.Rand) []rec {
	var rows []rec
	for _, m := range yd.members {
		row := rec{"member": m.name, "role": m.role, "voting": m.voting, "lives_in_area": m.lives,
			"works_in_area": m.works, "councillor": m.councillor, "agency_role": m.agency, "joined_on": day{m.joined}}
		if !m.left.IsZero() && !m.left.After(yearEnd(yd.year)) {
			row["left_on"] = day{m.left}
		}
		rows = append(rows, row)
	}
	return rows
}

type group struct {
	name, theme       string
	members, nonPart  int
	power             string
	budget            money
	constitutedFrom   int // year index from which the group is constituted; -1 never
	residentsOfMember float64
}

var groupThemes = []struct{ name, theme string }{
	{"Environment group", "environment"}, {"Youth working group", "young people"},
	{"Events team", "community events"}, {"Health and wellbeing group", "health"},
	{"Housing and streets group", "housing"}, {"Community garden group", "environment"},
	{"Older people's forum", "older people"}, {"Jobs and skills group", "employment"},
}

// groupsOf gives the area's working groups: several with delegated power and
// budgets where model 2 weighs, one advisory group or none under model 1.
func groupsOf(w *world, a *areaData) []group {
	r := rng(w.o.Seed, a.p.ID, "groups")
	l := a.p.Lean
	n := int(0.5*l[0] + 4.5*l[1] + 1*l[2] + r.Float64())
	var gs []group
	for i, t := range r.Perm(len(groupThemes))[:n] {
		g := group{name: groupThemes[t].name, theme: groupThemes[t].theme, members: 5 + r.IntN(9),
			power: "advisory", constitutedFrom: -1, residentsOfMember: 0.7 + 0.25*r.Float64()}
		g.nonPart = round(float64(g.members) * (0.1 + 0.55*l[1] + 0.1*r.Float64()))
		if r.Float64() < 0.1+0.85*l[1] || (l[1] > 0 && i == 0) {
			g.power, g.budget = "delegated", pounds(r, 2000, 25000, 500)
		} else if r.IntN(4) == 0 {
			g.power = "none"
		}
		if r.Float64() < 0.1+0.4*l[1] {
			g.constitutedFrom = r.IntN(w.o.Years + 1)
		}
		gs = append(gs, g)
	}
	// Where model 2 weighs, some group is constituted within the sample's years.
	constituted := false
	for _, g := range gs {
		constituted = constituted || g.constitutedFrom >= 0 && g.constitutedFrom < w.o.Years
	}
	if l[1] > 0 && !constituted && len(gs) > 0 {
		gs[len(gs)-1].constitutedFrom = r.IntN(w.o.Years)
	}
	return gs
}

func genWorkingGroups(w *world, a *areaData, yd *yearData, r *rand.Rand) []rec {
	var rows []rec
	y := yd.year - w.o.FirstYear
	for _, g := range groupsOf(w, a) {
		m := g.members + r.IntN(3) - 1
		row := rec{"group_name": g.name, "theme": g.theme, "members": m,
			"resident_members": round(float64(m) * g.residentsOfMember), "non_partnership_members": min(m, g.nonPart),
			"decision_power": g.power, "constituted": g.constitutedFrom >= 0 && y >= g.constitutedFrom}
		if g.power == "delegated" {
			row["delegated_budget"] = g.budget
		}
		rows = append(rows, row)
	}
	return rows
}

var decisionTexts = []string{"Approve budget for %s", "Fund %s for another year", "Agree terms of reference for %s",
	"Commission %s", "Release funds for %s", "Agree plan priorities for %s"}

var decisionObjects = []string{"the youth club", "the community garden", "the summer fun day", "the newsletter",
	"benches on the green", "the debt advice sessions", "the walking group", "the food pantry", "the street party",
	"the heritage trail", "the IT drop-in", "the community hub lease", "the Christmas lights", "the skate park survey"}

func genDecisions(w *world, a *areaData, yd *yearData, r *rand.Rand) []rec {
	l := a.p.Lean
	delegated := false
	for _, g := range groupsOf(w, a) {
		delegated = delegated || g.power == "delegated"
	}
	wg := 0.6 * l[1]
	if !delegated {
		wg = 0
	}
	n := round((6+4*l[0])*float64(w.o.Scale)) + r.IntN(3)
	who := allocate(r, n, []string{"partnership", "working_group", "worker", "lto", "grants_panel", "community_vote"},
		[]float64{0.05 + 0.9*l[0] + 0.35*l[1] + 0.12*l[2] + 0.6*l[1] - wg, wg, 0.04, 0.03, 0.45 * l[2], 0.3 * l[2]})
	var rows []rec
	for _, by := range who {
		text := strings.Replace(pick(r, decisionTexts), "%s", pick(r, decisionObjects), 1)
		row := rec{"decision_date": day{dayIn(r, yd.year)}, "decision": text, "made_by": by}
		if r.IntN(6) > 0 {
			row["amount"] = pounds(r, 200, 25000, 50)
		}
		rows = append(rows, row)
	}
	sortBy(rows, "decision_date")
	return rows
}

var projectThemes = []string{"environment", "young people", "health and wellbeing", "housing", "employment and skills",
	"community spaces", "older people", "transport", "community safety"}

var projectNames = []string{"Green Corridor", "Youth Hub", "Community Fridge", "Walk and Talk", "Back to Work Club",
	"Pocket Park", "Repair Cafe", "Homework Club", "Good Neighbours", "Community Bus", "Street Champions",
	"Lunch Club", "Bike Workshop", "Art on the Estate", "Credit Union Point", "Allotment Project"}

func genProjects(w *world, a *areaData, yd *yearData, r *rand.Rand) []rec {
	l := a.p.Lean
	n := (2 + r.IntN(3)) * w.o.Scale
	by := allocate(r, n, []string{"resident", "partnership", "working_group", "community_group", "agency", "worker"},
		[]float64{0.15 + 0.1*l[1] + 0.2*l[2], 0.1 + 0.6*l[0], 0.55 * l[1], 0.05 + 0.4*l[2], 0.1 + 0.1*l[0], 0.1 + 0.1*l[0]})
	var rows []rec
	for i, b := range by {
		status := pick(r, []string{"running", "running", "finished", "planned", "stopped"})
		name := projectNames[(r.IntN(len(projectNames))+i)%len(projectNames)]
		row := rec{"project": name, "started": day{dayIn(r, yd.year)}, "theme": pick(r, projectThemes),
			"status": status, "initiated_by": b, "budget": pounds(r, 500, 40000, 250), "new": r.IntN(7) > 0,
			"became_independent": status != "stopped" && r.Float64() < 0.02+0.5*l[1]+0.2*l[2]}
		rows = append(rows, row)
	}
	sortBy(rows, "started")
	return rows
}

// yearEnd is the last day of reporting year y.
func yearEnd(y int) time.Time { return time.Date(y+1, 3, 31, 0, 0, 0, 0, time.UTC) }
