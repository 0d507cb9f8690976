package sample

import (
	"fmt"
	"math/rand/v2"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// Coded segments of interviews, focus groups, observations and event notes.
// Codes lean the way the area does; some excerpts name a partnership member
// exactly as the roster does, so name replacement in excerpts can be tested.

type codeDef struct {
	path    string
	weight  func(l [3]float64) float64
	excerpt []string // {name} is replaced by a member's name
}

var codebook = []codeDef{
	{"Leadership/Partnership/Recruitment", func(l [3]float64) float64 { return 1.6 * l[0] }, []string{
		"Most of our energy goes into finding new partnership members. {name} brought three neighbours to the last meeting.",
		"We held a recruitment drive for the partnership and two more residents came forward."}},
	{"Leadership/Partnership/Retention", func(l [3]float64) float64 { return 1.2 * l[0] }, []string{
		"Keeping people on the partnership is hard; {name} has stayed because the meetings feel like they matter.",
		"Every decision comes to the partnership, so members stay involved year after year."}},
	{"Leadership/Working groups/Delegation", func(l [3]float64) float64 { return 1.6 * l[1] }, []string{
		"The environment group has its own budget now and decides without coming back to us.",
		"{name} chairs the youth group, and the partnership signed off its decisions in advance."}},
	{"Leadership/Working groups/Constituted", func(l [3]float64) float64 { return 1.0 * l[1] }, []string{
		"The garden group became constituted this year and now bids for its own money.",
		"Half of the people in our working groups are not on the partnership at all."}},
	{"Leadership/Enabling/Small grants", func(l [3]float64) float64 { return 1.6 * l[2] }, []string{
		"The small grants pot is how most groups first hear of Big Local.",
		"A hundred pounds for a street party did more than any plan; {name} says the grants panel is the heart of it."}},
	{"Leadership/Enabling/Networking", func(l [3]float64) float64 { return 1.0 * l[2] }, []string{
		"Whether it is badged Big Local or not hardly matters; we just help groups find each other.",
		"The networking breakfasts link up groups that never knew the others existed."}},
	{"Resident-led/Composition", func(l [3]float64) float64 { return 0.6 }, []string{
		"Is a councillor who lives on the estate a resident? {name} thinks not, and it is a live argument here.",
		"We keep to the rule that at least half the partnership live in the area."}},
	{"Approach/Capacity building", func(l [3]float64) float64 { return 0.3 + 0.8*l[2] }, []string{
		"The treasurer training meant three groups could open their own bank accounts.",
		"We put money into helping small groups run themselves."}},
	{"Approach/Neighbourliness", func(l [3]float64) float64 { return 0.3 + 0.8*l[2] }, []string{
		"People say hello in the street now; that is the change I notice.",
		"The coffee mornings are where neighbours meet, {name} says, more than any project."}},
	{"Approach/Services", func(l [3]float64) float64 { return 0.3 + 0.4*l[0] }, []string{
		"The debt advice sessions fill up every week.",
		"We fund a youth worker because nobody else will."}},
	{"Approach/Large-scale development", func(l [3]float64) float64 { return 0.2 + 0.5*l[0] }, []string{
		"The partnership is talking to the developers about the new estate.",
		"We want a say in what happens to the old factory site."}},
	{"Approach/Resident voice", func(l [3]float64) float64 { return 0.3 + 0.6*l[1] }, []string{
		"Residents now sit on the council's regeneration board.",
		"{name} spoke for the estate at the planning meeting."}},
	{"Focus/Plan", func(l [3]float64) float64 { return 0.2 + 0.6*l[0] }, []string{
		"Everything we do is in the Big Local plan, and we review it each spring.",
		"The plan keeps us on track."}},
	{"Focus/Stepping stone", func(l [3]float64) float64 { return 0.2 + 0.4*l[1] + 0.4*l[2] }, []string{
		"What matters is what is left when the Big Local money ends.",
		"Big Local got the groups going; they will carry on without it."}},
	{"Misc/Weather", func(l [3]float64) float64 { return 0.15 }, []string{
		"It rained all through the fun day but people still came."}},
	{"Admin/Meeting logistics", func(l [3]float64) float64 { return 0.15 }, []string{
		"The hall booking clashed again, so the meeting moved to the library."}},
}

func genCodes(w *world, a *areaData, yd *yearData, r *rand.Rand) []rec {
	n := (5 + r.IntN(3)) * w.o.Scale
	weights := make([]float64, len(codebook))
	total := 0.0
	for i, c := range codebook {
		weights[i] = c.weight(a.p.Lean)
		total += weights[i]
	}
	var named []*person // members who can be named in excerpts
	for _, m := range yd.members {
		if m.voting {
			named = append(named, m)
		}
	}
	var rows []rec
	interviews := map[*person]int{} // one interview per participant and year
	coderOf := map[string]string{}  // source -> its coder
	for i := 0; i < n; i++ {
		x, k := r.Float64()*total, 0
		for ; k < len(weights)-1 && x >= weights[k]; k++ {
			x -= weights[k]
		}
		c := codebook[k]
		row := rec{"code": c.path, "coder": pick(r, w.coders), "interview_date": day{dayIn(r, yd.year)}}
		switch t := r.IntN(10); {
		case t < 6:
			p, role := interviewee(r, a, yd)
			if interviews[p] == 0 {
				interviews[p] = len(interviews) + 1
			}
			row["source"] = fmt.Sprintf("%s interview %02d (%s)", a.p.Name, interviews[p], schemas.Period(yd.year).String())
			row["source_type"], row["participant"], row["participant_role"] = "interview", p.name, role
		case t < 8:
			row["source"] = fmt.Sprintf("%s focus group (%s)", a.p.Name, schemas.Period(yd.year).String())
			row["source_type"], row["participant_role"] = "focus group", "resident"
		case t < 9:
			row["source"] = fmt.Sprintf("%s partnership meeting observation (%s)", a.p.Name, schemas.Period(yd.year).String())
			row["source_type"] = "observation"
		default:
			row["source"] = fmt.Sprintf("%s event note (%s)", a.p.Name, schemas.Period(yd.year).String())
			row["source_type"] = "event note"
		}
		// One coder codes each source: the one drawn for its first segment
		// (every segment still draws one, so the other figures stay as they were).
		src := row["source"].(string)
		if first, ok := coderOf[src]; ok {
			row["coder"] = first
		} else {
			coderOf[src] = row["coder"].(string)
		}
		text := pick(r, c.excerpt)
		if strings.Contains(text, "{name}") {
			text = strings.ReplaceAll(text, "{name}", pick(r, named).name)
		}
		row["excerpt"] = text
		rows = append(rows, row)
	}
	sortBy(rows, "interview_date")
	return rows
}

func interviewee(r *rand.Rand, a *areaData, yd *yearData) (*person, string) {
	switch r.IntN(5) {
	case 0:
		return a.worker, "Big Local worker"
	case 1:
		return pick(r, a.volunteers), "resident"
	default:
		m := pick(r, yd.members)
		switch {
		case m.councillor:
			return m, "councillor"
		case m.role == "chair":
			return m, "partnership chair"
		}
		return m, "partnership member"
	}
}
