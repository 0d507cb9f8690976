package sample

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// Synthetic people. Names are built from two short lists; each name is used
// once in a sample, and the same person recurs across returns and years (a
// member also volunteers, is interviewed, receives a grant...).

var firstNames = []string{"Amira", "Ben", "Chloe", "Dev", "Ellie", "Farah", "Gareth", "Hannah", "Imran", "Jade",
	"Kwame", "Leanne", "Marek", "Nadia", "Owen", "Priya", "Rhys", "Sade", "Tom", "Una",
	"Vikram", "Wendy", "Yusuf", "Zoe", "Aled", "Bethan", "Callum", "Dionne", "Ewa", "Frank",
	"Grace", "Hamid", "Iris", "Jonah", "Kerry", "Liam", "Maya", "Niall", "Olu", "Paula"}

var lastNames = []string{"Ahmed", "Bennett", "Clarke", "Davies", "Evans", "Fletcher", "Green", "Hughes", "Iqbal", "Jones",
	"Kaur", "Lewis", "Morgan", "Nowak", "Okafor", "Patel", "Quinn", "Roberts", "Shah", "Taylor",
	"Usman", "Vaughan", "Walsh", "Young", "Zielinski", "Adeyemi", "Brown", "Carter", "Doyle", "Ellis",
	"Foster", "Gill", "Hart", "Ince", "Jackson", "Khan", "Lowe", "Murphy", "Nash", "Owusu"}

// NameParts are the first and last names sample people are made from, for
// tests that check no name reaches the database or an output.
func NameParts() (first, last []string) { return firstNames, lastNames }

// namer hands out distinct names in a seeded order; past the 1,600 pairs it
// adds a middle initial.
type namer struct {
	order []int
	next  int
}

func newNamer(seed int64) *namer {
	return &namer{order: rng(seed, "names").Perm(len(firstNames) * len(lastNames))}
}

func (n *namer) name() string {
	k := n.next
	n.next++
	c := n.order[k%len(n.order)]
	f, l := firstNames[c/len(lastNames)], lastNames[c%len(lastNames)]
	if round := k / len(n.order); round > 0 {
		return fmt.Sprintf("%s %c. %s", f, 'A'+rune((round-1)%26), l)
	}
	return f + " " + l
}

type person struct {
	name                     string
	lives, works, councillor bool
	agency                   string // none, council, agency, lto, big_local
	role                     string // partnership role; "" if not a member
	voting                   bool
	joined, left             time.Time
}

// category says how the person counts under the resident definitions.
func (p *person) otherHat() bool { return p.councillor || p.agency != "none" }

// buildPeople makes the area's partnership (with turnover, year by year),
// its worker, volunteers who are not members, and a councillor.
func buildPeople(a *areaData, nm *namer, o Options) {
	p := a.p
	r := rng(o.Seed, p.ID, "people")
	newPerson := func(lives, councillor bool, agency string) *person {
		return &person{name: nm.name(), lives: lives, councillor: councillor, agency: agency,
			works: agency != "none" || r.IntN(3) == 0, role: "member", voting: true,
			joined: time.Date(o.FirstYear-1-r.IntN(5), time.Month(1+r.IntN(12)), 1+r.IntN(28), 0, 0, 0, 0, time.UTC)}
	}
	var core []*person
	for i := 0; i < p.NonResidentMembers; i++ {
		switch i % 3 {
		case 0:
			core = append(core, newPerson(false, false, "none"))
		case 1:
			core = append(core, newPerson(false, true, "none"))
		default:
			core = append(core, newPerson(false, false, "agency"))
		}
	}
	for i := 0; i < p.OtherHats; i++ {
		core = append(core, newPerson(true, i%2 == 0, []string{"none", "council"}[i%2]))
	}
	for len(core) < p.VotingMembers {
		core = append(core, newPerson(true, false, "none"))
	}
	r.Shuffle(len(core), func(i, j int) { core[i], core[j] = core[j], core[i] })
	roles := []string{"chair", "vice-chair"}
	for _, m := range core {
		if len(roles) > 0 && m.lives && !m.otherHat() {
			m.role, roles = roles[0], roles[1:]
		}
	}
	for i := len(core) - 1; i >= 0; i-- {
		if core[i].role == "member" {
			core[i].role = "treasurer"
			break
		}
	}
	a.worker = &person{name: nm.name(), works: true, agency: "big_local", role: "observer"}
	a.worker.joined = time.Date(o.FirstYear-1, 9, 1, 0, 0, 0, 0, time.UTC)
	members := append([]*person{}, core...)
	members = append(members, a.worker)
	if r.IntN(2) == 0 {
		co := newPerson(true, false, "none")
		co.role, co.voting = "co-opted", false
		members = append(members, co)
	}
	// Turnover: model 1 areas keep a large, stable partnership.
	for y := range a.years {
		start := time.Date(o.FirstYear+y, 4, 1, 0, 0, 0, 0, time.UTC)
		changes := int(math.Round(2*(1-p.Lean[0]))) + r.IntN(2)
		if y == 0 && p.Lean[0] == 1 {
			changes = 0
		}
		var cur []*person
		for _, m := range members {
			if m.left.IsZero() {
				cur = append(cur, m)
			}
		}
		a.years[y].members = cur
		for c := 0; c < changes; c++ {
			out := cur[r.IntN(len(cur))]
			if out.role != "member" || !out.left.IsZero() {
				continue
			}
			out.left = start.AddDate(0, 1+r.IntN(9), r.IntN(28))
			in := newPerson(out.lives, out.councillor, out.agency)
			in.joined = out.left.AddDate(0, 1, r.IntN(20))
			members = append(members, in)
			if in.joined.Before(start.AddDate(1, 0, 0)) {
				a.years[y].members = append(a.years[y].members, in)
			}
		}
	}
	// Volunteers: some resident members and other residents, more with Scale.
	for _, m := range core {
		if m.lives && r.IntN(3) == 0 {
			a.volunteers = append(a.volunteers, m)
		}
	}
	for i := 0; i < int(math.Round((1+3*p.Volunteering)*float64(o.Scale))); i++ {
		v := &person{name: nm.name(), lives: r.IntN(6) > 0, agency: "none"}
		a.volunteers = append(a.volunteers, v)
		a.residents = append(a.residents, v)
	}
	for _, m := range core {
		if m.councillor {
			a.councillor = m
		}
	}
	if a.councillor == nil && r.IntN(2) == 0 {
		a.councillor = &person{name: nm.name(), councillor: true, agency: "none"}
	}
}

// pick returns one element of xs.
func pick[T any](r *rand.Rand, xs []T) T { return xs[r.IntN(len(xs))] }
