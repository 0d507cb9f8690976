package sample

import (
	"math"
	"math/rand/v2"
	"sort"
	"time"
)

// The generated world: for every area and year, the rows of every kind of
// return as typed values keyed by canonical column name. Layout and rendering
// (which file, which header, which date form) come later.

// Typed values a rec holds besides string (text, choice, person), int
// (count), float64 (hours), bool and nil (not known).
type (
	day    struct{ time.Time } // a Date column
	month  struct{ time.Time } // a Month column
	money  float64             // pounds
	period int                 // reporting year, rendered 2019-20
)

type rec map[string]any

type areaData struct {
	idx        int
	p          AreaProfile
	years      []*yearData
	worker     *person   // the Big Local worker (observer on the partnership)
	volunteers []*person // members who volunteer and other volunteers
	residents  []*person // residents who are not members
	councillor *person   // a councillor who supports the area, if any
	perVol     bool      // sends volunteering as per-volunteer rows (else monthly totals)
}

type yearData struct {
	year    int
	members []*person
	rows    map[string][]rec // kind name -> rows
}

type world struct {
	o      Options
	areas  []*areaData
	coders []string
}

func generate(o Options) *world {
	w := &world{o: o}
	nm := newNamer(o.Seed)
	for i := 0; i < 3; i++ {
		w.coders = append(w.coders, nm.name())
	}
	for i, p := range Profiles(o) {
		a := &areaData{idx: i, p: p, perVol: i%2 == 0}
		for y := 0; y < o.Years; y++ {
			a.years = append(a.years, &yearData{year: o.FirstYear + y, rows: map[string][]rec{}})
		}
		buildPeople(a, nm, o)
		w.areas = append(w.areas, a)
	}
	for _, a := range w.areas {
		for _, yd := range a.years {
			for _, g := range generators {
				r := rng(o.Seed, a.p.ID, g.kind, yd.year)
				yd.rows[g.kind] = g.fn(w, a, yd, r)
			}
		}
	}
	return w
}

var generators = []struct {
	kind string
	fn   func(*world, *areaData, *yearData, *rand.Rand) []rec
}{
	{"lto", genLTO},
	{"partnership", genPartnership},
	{"events", genEvents},
	{"consultations", genConsultations},
	{"volunteering", genVolunteering},
	{"social_media", genSocial},
	{"projects", genProjects},
	{"working_groups", genWorkingGroups},
	{"decisions", genDecisions},
	{"grants", genGrants},
	{"support", genSupport},
	{"interview_codes", genCodes},
}

// scaled is n times the sample's Scale and the area's population (per 10,000), at least min.
func scaled(w *world, a *areaData, n float64, min int) int {
	v := int(math.Round(n * float64(w.o.Scale) * float64(a.p.Population) / 10000))
	if v < min {
		return min
	}
	return v
}

// dayIn is a day of reporting year y (April to March).
func dayIn(r *rand.Rand, y int) time.Time {
	return time.Date(y, 4, 1, 0, 0, 0, 0, time.UTC).AddDate(0, 0, r.IntN(365))
}

func sortBy(rows []rec, col string) {
	sort.SliceStable(rows, func(i, j int) bool {
		return rows[i][col].(day).Before(rows[j][col].(day).Time)
	})
}

// allocate splits n between the weights by largest remainder and returns the
// labels, shuffled: shares come out as built, not at the mercy of small samples.
func allocate(r *rand.Rand, n int, labels []string, weights []float64) []string {
	total := 0.0
	for _, w := range weights {
		total += w
	}
	counts := make([]int, len(weights))
	rem := make([]float64, len(weights))
	given := 0
	for i, w := range weights {
		x := float64(n) * w / total
		counts[i] = int(x)
		rem[i] = x - float64(counts[i])
		given += counts[i]
	}
	for ; given < n; given++ {
		best := 0
		for i := range rem {
			if rem[i] > rem[best] {
				best = i
			}
		}
		counts[best]++
		rem[best] = -1
	}
	var out []string
	for i, c := range counts {
		for k := 0; k < c; k++ {
			out = append(out, labels[i])
		}
	}
	r.Shuffle(len(out), func(i, j int) { out[i], out[j] = out[j], out[i] })
	return out
}

func round(x float64) int { return int(math.Round(x)) }

func pounds(r *rand.Rand, lo, hi int, step int) money {
	return money(lo + step*r.IntN((hi-lo)/step+1))
}
