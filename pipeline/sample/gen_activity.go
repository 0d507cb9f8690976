package sample

import (
	"fmt"
	"math"
	"math/rand/v2"
	"time"
)

// Generators for the returns that show activity and reach: events,
// consultations, volunteering, social media, small grants and outside support.

var eventNames = map[string][]string{
	"capacity building": {"Committee skills workshop", "Treasurer training", "Funding bids masterclass", "Running a group: first steps"},
	"networking":        {"Community groups networking breakfast", "Meet the groups evening", "Neighbourhood network lunch"},
	"fun day":           {"Summer fun day", "Family fun day", "Play day on the green"},
	"coffee morning":    {"Coffee morning", "Tea and chat"},
	"community meeting": {"Community meeting", "Open partnership meeting", "Annual public meeting"},
	"litter pick":       {"Litter pick", "Spring clean-up"},
	"youth session":     {"Youth club night", "Holiday activities for young people"},
	"workshop":          {"Cookery workshop", "Digital skills drop-in", "Gardening workshop"},
	"celebration":       {"Christmas lights switch-on", "Community awards night"},
}

var otherEventTypes = []string{"fun day", "coffee morning", "community meeting", "litter pick", "youth session", "workshop", "celebration"}

func genEvents(w *world, a *areaData, yd *yearData, r *rand.Rand) []rec {
	l, p := a.p.Lean, a.p
	n := scaled(w, a, 5+7*l[2]+2*l[1], 3)
	enabling := round(float64(n) * (0.12 + 0.5*l[2]))
	org := allocate(r, n, []string{"partnership", "working_group", "community_group", "agency", "worker"},
		[]float64{0.1 + 0.6*l[0], 0.6 * l[1], 0.1 + 0.5*l[2], 0.1, 0.15 + 0.1*l[0]})
	var rows []rec
	for i := 0; i < n; i++ {
		typ := pick(r, otherEventTypes)
		if i < enabling {
			typ = []string{"capacity building", "networking"}[i%2]
		}
		att := round(float64(12+r.IntN(50)) * (0.6 + 0.4*p.Turnout))
		if typ == "fun day" || typ == "celebration" {
			att *= 3
		}
		res := round(float64(att) * math.Min(0.97, 0.45+0.3*p.Turnout+0.1*r.Float64()))
		rows = append(rows, rec{"event_date": day{dayIn(r, yd.year)}, "event": pick(r, eventNames[typ]),
			"event_type": typ, "organised_by": org[i], "attendees": att, "resident_attendees": res,
			"new_attendees": round(float64(att) * (0.05 + 0.25*r.Float64()))})
	}
	sortBy(rows, "event_date")
	return rows
}

var consultationNames = []string{"Big Local plan review", "Park improvements survey", "Priorities for next year",
	"Community centre opening hours", "What young people want", "Traffic and parking", "Spending the small grants pot"}

func genConsultations(w *world, a *areaData, yd *yearData, r *rand.Rand) []rec {
	var rows []rec
	for i, k := range r.Perm(len(consultationNames))[:min(len(consultationNames), (1+r.IntN(2))*w.o.Scale)] {
		start := dayIn(r, yd.year)
		resp := round(float64(a.p.Population) * 0.012 * a.p.Consultation * (0.5 + r.Float64()))
		row := rec{"consultation": consultationNames[k], "start_date": day{start},
			"end_date": day{start.AddDate(0, 0, 14+r.IntN(29))}, "method": pick(r, []string{"survey", "drop-in", "door knocking", "online survey", "community vote"}),
			"responses": resp, "resident_responses": round(float64(resp) * (0.8 + 0.15*r.Float64()))}
		if i > 0 && r.IntN(4) == 0 {
			delete(row, "end_date")
		}
		rows = append(rows, row)
	}
	sortBy(rows, "start_date")
	return rows
}

var volunteerActivities = []string{"events", "litter picking", "youth club", "newsletter", "gardening", "food pantry", "befriending"}

func genVolunteering(w *world, a *areaData, yd *yearData, r *rand.Rand) []rec {
	var rows []rec
	v := a.p.Volunteering
	for m := 0; m < 12; m++ {
		mon := month{time.Date(yd.year, time.April+time.Month(m), 1, 0, 0, 0, 0, time.UTC)}
		if !a.perVol {
			n := max(1, round((3+5*v)*float64(w.o.Scale)*float64(a.p.Population)/10000*(0.8+0.4*r.Float64())))
			// Totals rows: residents' hours, and now and then a row for volunteers from outside.
			rows = append(rows, rec{"month": mon, "activity": "all volunteering", "volunteers": n,
				"hours": float64(round(float64(n)*(3+5*r.Float64())*2)) / 2, "resident": true})
			if r.IntN(3) == 0 {
				k := max(1, n/4)
				rows = append(rows, rec{"month": mon, "activity": "volunteers from outside the area", "volunteers": k,
					"hours": float64(round(float64(k)*(2+4*r.Float64())*2)) / 2, "resident": false})
			}
			continue
		}
		for _, p := range a.volunteers {
			if r.Float64() < 0.25+0.15*v {
				rows = append(rows, rec{"month": mon, "volunteer": p.name, "activity": pick(r, volunteerActivities),
					"hours": float64(2+r.IntN(2+round(10*v))) + 0.5*float64(r.IntN(2)), "resident": p.lives})
			}
		}
	}
	return rows
}

var platforms = []string{"Facebook", "X (Twitter)", "Instagram", "Nextdoor"}

func genSocial(w *world, a *areaData, yd *yearData, r *rand.Rand) []rec {
	ar := rng(w.o.Seed, a.p.ID, "accounts")
	var accounts []string
	for i, pl := range platforms {
		if i == 0 || ar.IntN(4) == 0 {
			accounts = append(accounts, pl)
		}
	}
	for k := 2; k <= w.o.Scale; k++ {
		accounts = append(accounts, fmt.Sprintf("Facebook group %d", k))
	}
	var rows []rec
	for _, acc := range accounts {
		sr := rng(w.o.Seed, a.p.ID, "account", acc)
		start := float64(a.p.Population) * 0.03 * a.p.Social * (0.4 + sr.Float64())
		growth := 0.005 + 0.02*sr.Float64()
		for m := 0; m < 12; m++ {
			k := (yd.year-w.o.FirstYear)*12 + m
			fol := round(start * math.Pow(1+growth, float64(k)))
			posts := 3 + r.IntN(25)
			reach := float64(fol) * float64(posts) * (0.005 + 0.02*r.Float64())
			rows = append(rows, rec{"platform": acc, "month": month{time.Date(yd.year, time.April+time.Month(m), 1, 0, 0, 0, 0, time.UTC)},
				"followers": fol, "posts": posts, "reactions": round(reach), "comments": round(reach * 0.15),
				"shares": round(reach * 0.08), "messages": r.IntN(3 + round(5*a.p.Social))})
		}
	}
	return rows
}

var informalGroups = []string{"Friday Knit and Natter", "Parkside Mums", "Over-60s Walking Group", "Young Dads Football",
	"Allotment Friends", "Elm Road Street Party", "Homework Club Parents", "Craft Circle", "Tuesday Chess Club",
	"Bus Stop Gardeners", "Tenants' Coffee Club", "Saturday Running Group", "Baby and Toddler Group", "Book Swap"}

var constitutedGroups = []string{"Residents' Association", "Allotment Society", "Men's Shed", "Community Choir",
	"Youth Football Club", "Heritage Society", "Friends of the Park", "Food Pantry CIC", "Boxing Club"}

var grantPurposes = []string{"equipment", "room hire", "a summer trip", "start-up costs", "training", "publicity",
	"refreshments for a launch event", "materials"}

func genGrants(w *world, a *areaData, yd *yearData, r *rand.Rand) []rec {
	l := a.p.Lean
	n := scaled(w, a, 1+14*l[2]+3*l[1], 0)
	kinds := allocate(r, n, []string{"informal_group", "constituted_group", "individual", "organisation"},
		[]float64{0.45, 0.3, 0.15, 0.1})
	informal, constituted := r.Perm(len(informalGroups)), r.Perm(len(constitutedGroups))
	var rows []rec
	for i, k := range kinds {
		var who string
		amount := pounds(r, 100, 1500, 25)
		switch k {
		case "informal_group":
			who = informalGroups[informal[i%len(informal)]]
		case "constituted_group":
			who = a.p.Name + " " + constitutedGroups[constituted[i%len(constituted)]]
		case "individual":
			who, amount = pick(r, a.volunteers).name, pounds(r, 50, 300, 10)
		default:
			who = pick(r, []string{"Citizens Advice ", "Age UK ", "Mind in "}) + a.p.LocalAuthority
		}
		rows = append(rows, rec{"award_date": day{dayIn(r, yd.year)}, "recipient": who, "recipient_type": k,
			"amount": amount, "purpose": pick(r, grantPurposes)})
	}
	sortBy(rows, "award_date")
	return rows
}

func genSupport(w *world, a *areaData, yd *yearData, r *rand.Rand) []rec {
	n := round((1+3*a.p.Support)*float64(w.o.Scale)) + r.IntN(2)
	types := []string{"council", "councillor", "community_group", "agency", "business", "funder"}
	weights := []float64{0.25, 0.15, 0.2, 0.15, 0.15, 0.1}
	if a.councillor == nil {
		weights[1] = 0
	}
	var rows []rec
	for _, t := range allocate(r, n, types, weights) {
		var who, kind string
		var value any
		switch t {
		case "council":
			who, kind = a.p.LocalAuthority+" Council", pick(r, []string{"funding", "in_kind", "letter", "match"})
		case "councillor":
			who, kind = a.councillor.name, pick(r, []string{"letter", "in_kind", "partnership"})
		case "community_group":
			who, kind = a.p.Name+" "+pick(r, constitutedGroups), pick(r, []string{"in_kind", "partnership"})
		case "agency":
			who, kind = pick(r, []string{"Citizens Advice ", "NHS ", "Jobcentre Plus ", "Police: "})+a.p.LocalAuthority, pick(r, []string{"in_kind", "partnership"})
		case "business":
			who, kind = pick(r, []string{"Co-op (High Street)", "Taylor's Bakery", "Parkside Pharmacy", "Builders' Merchants Ltd"}), pick(r, []string{"in_kind", "funding"})
		default:
			who, kind = pick(r, []string{"National Lottery Community Fund", a.p.Region + " Community Foundation", "Sport England"}), pick(r, []string{"funding", "match"})
		}
		switch kind {
		case "funding", "match":
			value = pounds(r, 500, 20000, 100)
		case "in_kind":
			value = pounds(r, 100, 2000, 50)
		}
		rows = append(rows, rec{"support_date": day{dayIn(r, yd.year)}, "supporter": who, "supporter_type": t,
			"support_type": kind, "value": value})
	}
	sortBy(rows, "support_date")
	return rows
}
