package analysis

// RobustShare is the share of draws above which a pair's order is robust.
const RobustShare = 0.95

// ReversalRow is how often, over the Monte Carlo draws, one area of a pair
// ranks above the other (a better rank): A is the area ranked above in
// more draws (the first in id order when even).
type ReversalRow struct {
	Period int
	A, B   string
	AAbove float64 // share of the draws with both ranked in which A ranks above B
	BAbove float64 // and B above A (ties are neither)
	Draws  int     // draws in which both have a composite
	Robust bool    // AAbove above RobustShare
}

// reversalRows are a period's pairs of areas, from the Monte Carlo's counts.
func reversalRows(out *mcResult, period int, areas []string) []ReversalRow {
	n := len(areas)
	var rows []ReversalRow
	for a := 0; a < n; a++ {
		for b := a + 1; b < n; b++ {
			both := out.Both[a*n+b]
			if both == 0 {
				continue
			}
			r := ReversalRow{Period: period, A: areas[a], B: areas[b], Draws: int(both),
				AAbove: float64(out.Above[a*n+b]) / float64(both), BAbove: float64(out.Above[b*n+a]) / float64(both)}
			if r.BAbove > r.AAbove {
				r.A, r.B, r.AAbove, r.BAbove = r.B, r.A, r.BAbove, r.AAbove
			}
			r.Robust = r.AAbove > RobustShare
			rows = append(rows, r)
		}
	}
	return rows
}
