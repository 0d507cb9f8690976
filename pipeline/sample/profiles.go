package sample

import (
	"fmt"
	"math"

	"github.com/ourbiggerstory/obs/schemas"
)

// AreaProfile is what one area was built to look like.
type AreaProfile struct {
	ID, Name, LocalAuthority, Region string
	Population, Households           int

	// Model is the leadership model the area leans to: "1" (partnership as
	// executive), "2" (dispersed working groups), "3" (enabling), or a hybrid
	// "1+2" or "2+3" built with half-way values on both.
	Model string
	Lean  [3]float64 // weight given to models 1, 2 and 3; sums to 1

	// Shape is how the area sends its returns: "workbook" (one workbook per
	// year with a Return sheet) or "shared" (rows in the all-areas workbook of
	// each kind, a few kinds as CSV files).
	Shape string

	VotingMembers      int // voting partnership members in a year (before turnover)
	NonResidentMembers int // voting members who do not live in the area
	// OtherHats are voting members who live in the area and are councillors or
	// work for the council or an agency: residents under R1, not under R2.
	OtherHats int

	// Relative levels of the resident-led measures (1 is typical): resident
	// turnout at events, consultation responses, volunteering, social media,
	// outside support.
	Turnout, Consultation, Volunteering, Social, Support float64

	LTOScore int // lto_local points (0-4) the area's LTO was built to earn
}

// Hybrid reports whether the area was built as a hybrid of two models.
func (p AreaProfile) Hybrid() bool { return len(p.Model) > 1 }

// BelowHalfR2 reports whether fewer than half the voting members are
// residents under R2 (lives here, no other hat): the programme rule fails
// under R2 though it may hold under R1.
func (p AreaProfile) BelowHalfR2() bool {
	return 2*(p.VotingMembers-p.NonResidentMembers-p.OtherHats) < p.VotingMembers
}

var leans = map[string][3]float64{
	"1": {1, 0, 0}, "2": {0, 1, 0}, "3": {0, 0, 1}, "1+2": {0.5, 0.5, 0}, "2+3": {0, 0.5, 0.5},
}

// builtIn fixes the profile of each of the 15 areas, in schemas order:
// model, voting members, non-resident members, residents with other hats,
// LTO score, shape.
var builtIn = []struct {
	model                string
	voting, nonRes, hats int
	lto                  int
	shape                string
}{
	{"1", 13, 2, 1, 3, "shared"},   // barrowcliff
	{"2", 9, 1, 2, 4, "shared"},    // birchfield
	{"3", 8, 3, 0, 2, "shared"},    // blackpool-revoe
	{"3", 8, 2, 0, 4, "shared"},    // bountagu
	{"1", 12, 3, 0, 1, "shared"},   // catton-grove
	{"1+2", 11, 2, 1, 3, "shared"}, // grassland-hasmoor
	{"2", 10, 1, 0, 4, "shared"},   // growing-together
	{"3", 8, 2, 1, 0, "workbook"},  // hanwell
	{"2", 9, 0, 0, 2, "shared"},    // lawrence-weston
	{"1+2", 10, 4, 2, 3, "shared"}, // north-northfleet: below half under R2
	{"2+3", 9, 2, 0, 4, "shared"},  // radstock-westfield
	{"1", 14, 3, 2, 1, "shared"},   // ramsey-million
	{"3", 8, 1, 1, 3, "shared"},    // three-parishes
	{"2", 10, 2, 1, 2, "workbook"}, // westfield
	{"1", 12, 2, 0, 4, "shared"},   // whitley-bay
}

var regions = []string{"North East", "North West", "Yorkshire and the Humber", "East Midlands",
	"West Midlands", "East of England", "London", "South East", "South West"}

// Profiles gives the profile of every area a sample with o holds, in order.
// Models, shapes and partnership composition of the 15 built-in areas are
// fixed; populations and engagement levels follow from the seed.
func Profiles(o Options) []AreaProfile {
	o = o.withDefaults()
	ps := make([]AreaProfile, o.Areas)
	for i := range ps {
		r := rng(o.Seed, "profile", i)
		p := &ps[i]
		if i < len(schemas.OurBiggerStoryAreas) {
			a, b := schemas.OurBiggerStoryAreas[i], builtIn[i]
			p.ID, p.Name, p.LocalAuthority, p.Region = a.ID, a.Name, a.LocalAuthority, a.Region
			p.Model, p.VotingMembers, p.NonResidentMembers, p.OtherHats = b.model, b.voting, b.nonRes, b.hats
			p.LTOScore, p.Shape = b.lto, b.shape
		} else {
			n := i + 1
			p.ID, p.Name = fmt.Sprintf("area-%03d", n), fmt.Sprintf("Synthetic Area %d", n)
			p.LocalAuthority, p.Region = fmt.Sprintf("Synthetic Borough %d", n), regions[i%len(regions)]
			p.Model = []string{"1", "2", "3", "1+2", "2+3"}[i%5]
			p.VotingMembers = 8 + r.IntN(5)
			if p.Model == "1" {
				p.VotingMembers += 3
			}
			p.NonResidentMembers, p.OtherHats = r.IntN(3), r.IntN(2)
			p.LTOScore = r.IntN(5)
			// Invented areas send shared returns only: a workbook named
			// area-0NN-... would sort before areas.xlsx, which defines the area.
			p.Shape = "shared"
		}
		p.Lean = leans[p.Model]
		p.Population = 5000 + 100*r.IntN(101)
		p.Households = int(math.Round(float64(p.Population) / (2.1 + 0.4*r.Float64())))
		level := func() float64 { return math.Round((0.45+1.3*r.Float64())*100) / 100 }
		p.Turnout, p.Consultation, p.Volunteering, p.Social, p.Support = level(), level(), level(), level(), level()
	}
	return ps
}
