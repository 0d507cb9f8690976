package analysis

import (
	"math"
	"testing"
)

func coding(source, code, coder string, pos ...int64) Coding {
	c := Coding{Source: source, Code: code, Coder: coder}
	if len(pos) == 2 {
		c.Start, c.End, c.HasPos = pos[0], pos[1], true
	}
	return c
}

// Two coders, three shared sources and one source only A coded. Worked by
// hand: units of X are (1,1) (1,0) (0,0), of Y (1,0) (0,1) (1,1).
func TestIntercoderAgreementByHand(t *testing.T) {
	codings := []Coding{
		coding("s1", "X", "A", 0, 100), coding("s1", "Y", "A", 200, 300),
		coding("s2", "X", "A", 0, 100),
		coding("s3", "Y", "A", 50, 150),
		coding("s4", "X", "A", 0, 10),   // only A coded s4: no unit
		coding("s1", "X", "B", 5, 100),  // overlaps A's by 95 of 100
		coding("s2", "Y", "B", 0, 100),  // A did not code Y in s2
		coding("s3", "Y", "B", 60, 150), // overlaps by exactly 90 of 100
	}
	res := IntercoderAgreement(codings, 0)
	if res.Sources != 3 || len(res.Coders) != 2 || !res.Positions || res.Overlap != DefaultOverlap {
		t.Fatalf("sources %d, coders %v, positions %v, overlap %g", res.Sources, res.Coders, res.Positions, res.Overlap)
	}
	want := []CodeAgreement{
		// X: agreement 2/3; kappa (2/3 - 4/9) / (5/9) = 0.4; coincidences
		// o11 = o00 = 2, o01 = o10 = 1: alpha = 1 - 5*2/18.
		{Code: "X", Coders: 2, Units: 3, Percent: 2.0 / 3, Kappa: 0.4, Alpha: 1 - 10.0/18, Segments: 3, SegmentPercent: 2.0 / 3},
		// Y: agreement 1/3; kappa (1/3 - 5/9) / (4/9) = -0.5; o11 = 2,
		// o10 = o01 = 2, n1 = 4, n0 = 2: alpha = 1 - 5*4/16.
		{Code: "Y", Coders: 2, Units: 3, Percent: 1.0 / 3, Kappa: -0.5, Alpha: 1 - 20.0/16, Segments: 4, SegmentPercent: 0.5},
		// Pooled: 6 units, 3 agree; A gave 1 four times, B three times.
		{Code: AllCodes, Coders: 2, Units: 6, Percent: 0.5, Kappa: (0.5 - (4.0/6*3/6 + 2.0/6*3/6)) / (1 - (4.0/6*3/6 + 2.0/6*3/6)),
			Alpha: 1 - 11*6.0/(7*5*2), Segments: 7, SegmentPercent: 4.0 / 7},
	}
	if len(res.Codes) != len(want) {
		t.Fatalf("%d rows, want %d: %+v", len(res.Codes), len(want), res.Codes)
	}
	for i, w := range want {
		g := res.Codes[i]
		if g.Code != w.Code || g.Coders != w.Coders || g.Units != w.Units || g.Segments != w.Segments ||
			!near(g.Percent, w.Percent) || !near(g.Kappa, w.Kappa) || !near(g.Alpha, w.Alpha) || !near(g.SegmentPercent, w.SegmentPercent) {
			t.Errorf("row %d:\n got %+v\nwant %+v", i, g, w)
		}
	}
	if !res.Codes[1].Low() || res.Codes[0].Low() != (res.Codes[0].Alpha < AlphaLow) {
		t.Errorf("low agreement flags wrong: %+v", res.Codes)
	}
	// A stricter threshold loses the segment that overlaps by exactly 90%.
	if got := IntercoderAgreement(codings, 0.95).Codes[1]; got.Segments != 4 || !near(got.SegmentPercent, 0) {
		t.Errorf("overlap 0.95: Y %d segments, %g agree; want 4, 0", got.Segments, got.SegmentPercent)
	}
}

func TestIntercoderAgreementThreeCodersNoPositions(t *testing.T) {
	codings := []Coding{
		coding("s1", "X", "A"), coding("s1", "X", "B"), coding("s1", "X", "C"),
		coding("s2", "X", "A"), coding("s2", "Y", "B"),
	}
	res := IntercoderAgreement(codings, 0.9)
	all := res.Codes[len(res.Codes)-1]
	if res.Positions || all.Coders != 3 || !math.IsNaN(all.Kappa) || all.Segments != 0 || !math.IsNaN(all.SegmentPercent) {
		t.Errorf("three coders without positions: %+v (positions %v)", all, res.Positions)
	}
	// Units: X s1 (1,1,1), X s2 (1,0,-), Y s1 (0,0,0), Y s2 (0,1,-):
	// pairs 3+1+3+1, agreeing 3+0+3+0.
	if all.Units != 4 || !near(all.Percent, 6.0/8) {
		t.Errorf("pooled: %d units, agreement %g; want 4, 0.75", all.Units, all.Percent)
	}
	if none := IntercoderAgreement([]Coding{coding("s1", "X", "A")}, 0.9); len(none.Codes) != 0 || none.Sources != 0 {
		t.Errorf("one coder: %+v, want no rows", none)
	}
}

func TestSegmentPosition(t *testing.T) {
	for ref, want := range map[string][3]int64{
		"chars 120–245":                 {120, 245, 1},
		"chars 7–9 of the PDF's text":   {7, 9, 1},
		"121-160":                       {121, 160, 1},
		"audio 0:01:01.000–0:01:05.500": {0, 0, 0},
		"page 2, (10, 20)–(30, 40)":     {0, 0, 0},
		"chars 50–40":                   {0, 0, 0},
		"":                              {0, 0, 0},
	} {
		s, e, ok := segmentPosition(ref)
		if s != want[0] || e != want[1] || ok != (want[2] == 1) {
			t.Errorf("%q: %d, %d, %v; want %v", ref, s, e, ok, want)
		}
	}
}
