package sample

import (
	"math"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/schemas"
)

func TestProfiles(t *testing.T) {
	ps := Profiles(Options{})
	if len(ps) != 15 {
		t.Fatalf("%d profiles", len(ps))
	}
	models := map[string][]string{}
	below := 0
	for i, p := range ps {
		a := schemas.OurBiggerStoryAreas[i]
		if p.ID != a.ID || p.Name != a.Name || p.LocalAuthority != a.LocalAuthority || p.Region != a.Region {
			t.Errorf("profile %d is %s/%s, want %s/%s", i, p.ID, p.Name, a.ID, a.Name)
		}
		models[p.Model] = append(models[p.Model], p.ID)
		if s := p.Lean[0] + p.Lean[1] + p.Lean[2]; math.Abs(s-1) > 1e-9 {
			t.Errorf("%s: leanings sum to %v", p.ID, s)
		}
		if p.Hybrid() != strings.Contains(p.Model, "+") {
			t.Errorf("%s: Hybrid() wrong for model %s", p.ID, p.Model)
		}
		if p.Population < 5000 || p.Population > 15000 || p.Households < p.Population/3 || p.Households > p.Population/2 {
			t.Errorf("%s: population %d, households %d", p.ID, p.Population, p.Households)
		}
		if p.BelowHalfR2() {
			below++
			if 2*(p.VotingMembers-p.NonResidentMembers) < p.VotingMembers {
				t.Errorf("%s: below half under R1 too", p.ID)
			}
		}
	}
	for _, m := range []string{"1", "2", "3"} {
		if len(models[m]) != 4 {
			t.Errorf("model %s: %v, want 4 areas", m, models[m])
		}
	}
	if len(models["1+2"])+len(models["2+3"]) != 3 || len(models["1+2"]) == 0 || len(models["2+3"]) == 0 {
		t.Errorf("hybrids: %v and %v", models["1+2"], models["2+3"])
	}
	if below != 1 {
		t.Errorf("%d areas below half residents under R2, want 1", below)
	}
	more := Profiles(Options{Areas: 22})
	if more[15].ID != "area-016" || more[21].Name != "Synthetic Area 22" || more[0] != ps[0] {
		t.Errorf("invented areas: %s %s", more[15].ID, more[21].Name)
	}
}

// share is the share of rows whose col equals one of vals, over all years.
func share(a *areaData, kind, col string, vals ...string) (float64, int) {
	n, hit := 0, 0
	for _, yd := range a.years {
		for _, r := range yd.rows[kind] {
			n++
			for _, v := range vals {
				if r[col] == v {
					hit++
				}
			}
		}
	}
	if n == 0 {
		return math.NaN(), 0
	}
	return float64(hit) / float64(n), n
}

// TestLeanings checks each area's returns show the model it was built to lean to.
func TestLeanings(t *testing.T) {
	w := generate(Options{}.withDefaults())
	grantsPer1000 := map[string][]float64{}
	for _, a := range w.areas {
		m, id := a.p.Model, a.p.ID
		byPartnership, _ := share(a, "decisions", "made_by", "partnership")
		byGroups, _ := share(a, "decisions", "made_by", "working_group")
		enabling, _ := share(a, "events", "event_type", "capacity building", "networking")
		groups := groupsOf(w, a)
		delegated, constituted := 0, 0
		for _, g := range groups {
			if g.power == "delegated" {
				delegated++
			}
			if g.constitutedFrom >= 0 && g.constitutedFrom < len(a.years) {
				constituted++
			}
		}
		_, grants := share(a, "grants", "recipient", "")
		gp := float64(grants) / float64(len(a.years)) / float64(a.p.Population) * 1000
		grantsPer1000[m] = append(grantsPer1000[m], gp)
		var ok bool
		switch m {
		case "1":
			ok = byPartnership >= 0.8 && len(groups) <= 1 && delegated == 0 && enabling <= 0.3 && a.p.VotingMembers >= 12
		case "2":
			ok = byPartnership <= 0.55 && byGroups >= 0.35 && len(groups) >= 4 && delegated >= 2 && constituted >= 1
		case "3":
			ok = byPartnership <= 0.3 && byGroups == 0 && enabling >= 0.45
		case "1+2":
			ok = byPartnership > 0.5 && byPartnership < 0.85 && delegated >= 1 && len(groups) >= 2
		case "2+3":
			ok = byPartnership < 0.5 && delegated >= 1 && enabling >= 0.25
		}
		if !ok {
			t.Errorf("%s (model %s): decisions by partnership %.2f, by groups %.2f; groups %d (%d delegated); enabling events %.2f; grants/1000 %.2f",
				id, m, byPartnership, byGroups, len(groups), delegated, enabling, gp)
		}
	}
	if maxOf(grantsPer1000["1"]) >= minOf(grantsPer1000["3"]) {
		t.Errorf("small grants per 1,000: model 1 %v, model 3 %v", grantsPer1000["1"], grantsPer1000["3"])
	}
	for _, a := range w.areas {
		if a.p.Model == "2" {
			ind := 0
			for _, yd := range a.years {
				for _, r := range yd.rows["projects"] {
					if r["became_independent"] == true {
						ind++
					}
				}
			}
			if ind == 0 {
				t.Errorf("%s: no project became independent", a.p.ID)
			}
		}
	}
}

func maxOf(xs []float64) float64 {
	m := math.Inf(-1)
	for _, x := range xs {
		m = math.Max(m, x)
	}
	return m
}

func minOf(xs []float64) float64 {
	m := math.Inf(1)
	for _, x := range xs {
		m = math.Min(m, x)
	}
	return m
}

// TestComposition checks R1 and R2 differ where members wear other hats,
// and one area falls below half residents under R2 only.
func TestComposition(t *testing.T) {
	w := generate(Options{}.withDefaults())
	for _, a := range w.areas {
		for _, yd := range a.years {
			v, r1, r2 := 0, 0, 0
			for _, r := range yd.rows["partnership"] {
				if r["voting"] != true {
					continue
				}
				v++
				if r["lives_in_area"] == true {
					r1++
					if r["councillor"] != true && r["agency_role"] == "none" {
						r2++
					}
				}
			}
			if a.p.BelowHalfR2() != (2*r2 < v) || 2*r1 < v {
				t.Errorf("%s %d: %d voting, %d residents under R1, %d under R2 (below half under R2 built %v)", a.p.ID, yd.year, v, r1, r2, a.p.BelowHalfR2())
			}
			if (a.p.OtherHats > 0) != (r1 > r2) {
				t.Errorf("%s %d: R1 %d, R2 %d with %d other hats", a.p.ID, yd.year, r1, r2, a.p.OtherHats)
			}
		}
	}
}

// TestRecords checks every generated value sits under a column its kind has,
// and the returns hold what the analyses and the ingester need to meet.
func TestRecords(t *testing.T) {
	w := generate(Options{}.withDefaults())
	has := map[string]bool{}
	for _, a := range w.areas {
		for _, yd := range a.years {
			for kind, rows := range yd.rows {
				k := schemas.KindByName(kind)
				for _, r := range rows {
					for c, v := range r {
						if k.Column(c) == nil {
							t.Fatalf("%s: no column %s", kind, c)
						}
						if s, ok := v.(string); ok {
							has[kind+"."+c+"="+s] = true
						}
					}
					if kind == "volunteering" {
						has["volunteering per volunteer"] = has["volunteering per volunteer"] || r["volunteer"] != nil
						has["volunteering totals"] = has["volunteering totals"] || r["volunteers"] != nil
					}
				}
			}
		}
	}
	for _, want := range []string{"grants.recipient_type=individual", "support.supporter_type=councillor",
		"volunteering per volunteer", "volunteering totals", "working_groups.decision_power=delegated",
		"decisions.made_by=grants_panel", "decisions.made_by=community_vote", "projects.initiated_by=working_group",
		"events.event_type=capacity building", "events.event_type=networking", "partnership.agency_role=council",
		"Leadership/Partnership/Recruitment", "Leadership/Working groups/Delegation", "Leadership/Enabling/Small grants",
		"Resident-led/Composition", "Approach/Capacity building", "Approach/Neighbourliness", "Approach/Services",
		"Approach/Large-scale development", "Approach/Resident voice", "Focus/Plan", "Focus/Stepping stone",
		"Misc/Weather", "Admin/Meeting logistics"} {
		if !has[want] && !has["interview_codes.code="+want] {
			t.Errorf("no %s in the sample", want)
		}
	}
}

// TestPeopleRecur checks members are also volunteers and interviewees, and
// excerpts name members as the roster spells them.
func TestPeopleRecur(t *testing.T) {
	w := generate(Options{}.withDefaults())
	var volunteerMembers, interviewedMembers, namedInExcerpts, individualsKnown int
	for _, a := range w.areas {
		members := map[string]bool{}
		for _, yd := range a.years {
			for _, r := range yd.rows["partnership"] {
				members[r["member"].(string)] = true
			}
		}
		vols := map[string]bool{}
		for _, yd := range a.years {
			for _, r := range yd.rows["volunteering"] {
				if v, ok := r["volunteer"].(string); ok {
					vols[v] = true
					if members[v] {
						volunteerMembers++
					}
				}
			}
			for _, r := range yd.rows["interview_codes"] {
				if p, ok := r["participant"].(string); ok && members[p] {
					interviewedMembers++
				}
				for m := range members {
					if strings.Contains(r["excerpt"].(string), m) {
						namedInExcerpts++
					}
				}
			}
		}
		for _, v := range a.volunteers {
			for _, yd := range a.years {
				for _, r := range yd.rows["grants"] {
					if r["recipient_type"] == "individual" && r["recipient"] == v.name {
						individualsKnown++
					}
				}
			}
		}
	}
	if volunteerMembers == 0 || interviewedMembers == 0 || namedInExcerpts < 5 || individualsKnown == 0 {
		t.Errorf("members volunteering %d, interviewed %d, named in excerpts %d; individual grants to volunteers %d",
			volunteerMembers, interviewedMembers, namedInExcerpts, individualsKnown)
	}
}

// TestOneFilePerReturn checks no (kind, area, period) is written twice, so
// nothing in the default set supersedes anything else, and none is left out.
func TestOneFilePerReturn(t *testing.T) {
	o := Options{}.withDefaults()
	w := generate(o)
	where := map[string]string{}
	for _, f := range plan(w, o) {
		for _, s := range f.sheets {
			for _, p := range s.parts {
				if prev, dup := where[p]; dup {
					t.Errorf("%s is in %s and %s", p, prev, f.name)
				}
				where[p] = f.name
			}
		}
	}
	for _, a := range w.areas {
		for _, yd := range a.years {
			for kind, rows := range yd.rows {
				if p := kind + "/" + a.p.ID + "/" + periodKey(yd.year); len(rows) > 0 && where[p] == "" {
					t.Errorf("%s is in no file", p)
				}
			}
		}
	}
}

func periodKey(y int) string {
	return strings.TrimSpace(strings.Split(schemas.Period(y).String(), "-")[0])
}
