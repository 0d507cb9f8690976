package qca

import "sort"

// MaxModels is the most minimal models obs lists for one chart; past it the
// list is cut and the result says so.
const MaxModels = 1000

// chart is a prime implicant chart: which configurations each PI covers.
type chart struct {
	pis     []Term
	columns []uint32 // the positive configurations, ascending
	covers  [][]uint64
}

func newChart(pis []Term, columns []uint32) *chart {
	ch := &chart{pis: pis, columns: columns, covers: make([][]uint64, len(pis))}
	words := (len(columns) + 63) / 64
	for i, t := range pis {
		ch.covers[i] = make([]uint64, words)
		for j, c := range columns {
			if t.Covers(c) {
				ch.covers[i][j/64] |= 1 << uint(j%64)
			}
		}
	}
	return ch
}

// minimalCovers lists every set of PIs (as sorted indices into ch.pis) of the
// least size that covers every column, in QCA's order (lexicographic on the
// indices), at most MaxModels of them; cut reports that there were more.
func (ch *chart) minimalCovers() (models [][]int, cut bool) {
	cand := ch.candidates()
	if cand == nil {
		return nil, false
	}
	s := &coverSearch{ch: ch, cand: cand, cols: reducedColumns(cand), found: map[string][]int{},
		covered: make([]bool, len(cand)), count: make([]int, len(cand))}
	for k := 1; k <= len(s.cols); k++ {
		s.search(k)
		if len(s.found) > 0 {
			break
		}
	}
	for _, set := range s.found {
		models = append(models, set)
	}
	sort.Slice(models, func(a, b int) bool { return lessInts(models[a], models[b]) })
	if len(models) > MaxModels {
		models, cut = models[:MaxModels], true
	}
	return models, cut
}

// candidates lists the PIs covering each column; nil if a column has none
// (or there are no columns).
func (ch *chart) candidates() [][]int {
	cand := make([][]int, len(ch.columns))
	for j := range cand {
		for i := range ch.pis {
			if ch.covers[i][j/64]>>uint(j%64)&1 == 1 {
				cand[j] = append(cand[j], i)
			}
		}
		if len(cand[j]) == 0 {
			return nil
		}
	}
	if len(cand) == 0 {
		return nil
	}
	return cand
}

// reducedColumns drops a column whose candidates include all of another
// column's (covering that one covers it): every minimal cover is kept and
// the search is smaller.
func reducedColumns(cand [][]int) []int {
	keep := make([]bool, len(cand))
	for j := range keep {
		keep[j] = true
	}
	for j := range cand {
		for i := 0; i < len(cand) && keep[j]; i++ {
			if i != j && keep[i] && subsetInts(cand[i], cand[j]) && (len(cand[i]) < len(cand[j]) || i < j) {
				keep[j] = false
			}
		}
	}
	var cols []int
	for j, k := range keep {
		if k {
			cols = append(cols, j)
		}
	}
	return cols
}

// coverSearch branches on the uncovered column with the fewest candidates,
// to a given number of PIs: every cover of that size is reached.
type coverSearch struct {
	ch      *chart
	cand    [][]int
	cols    []int
	found   map[string][]int
	chosen  []int
	covered []bool
	count   []int // how many chosen PIs cover each column
}

func (s *coverSearch) search(depth int) (stop bool) {
	best, uncovered := -1, 0
	for _, j := range s.cols {
		if !s.covered[j] {
			uncovered++
			if best < 0 || len(s.cand[j]) < len(s.cand[best]) {
				best = j
			}
		}
	}
	if best < 0 {
		set := append([]int(nil), s.chosen...)
		sort.Ints(set)
		s.found[intsKey(set)] = set
		return len(s.found) > MaxModels
	}
	if depth == 0 || uncovered > depth*s.ch.maxCover(s.cols, s.covered) {
		return false
	}
	for _, p := range s.cand[best] {
		s.choose(p, 1)
		stop = s.search(depth - 1)
		s.choose(p, -1)
		if stop {
			return true
		}
	}
	return false
}

// choose adds (d = 1) or removes (d = -1) the PI p.
func (s *coverSearch) choose(p, d int) {
	if d > 0 {
		s.chosen = append(s.chosen, p)
	} else {
		s.chosen = s.chosen[:len(s.chosen)-1]
	}
	for _, j := range s.cols {
		if s.ch.covers[p][j/64]>>uint(j%64)&1 == 1 {
			s.count[j] += d
			s.covered[j] = s.count[j] > 0
		}
	}
}

// maxCover is the most still-uncovered columns one PI covers.
func (ch *chart) maxCover(cols []int, covered []bool) int {
	best := 0
	for i := range ch.pis {
		n := 0
		for _, j := range cols {
			if !covered[j] && ch.covers[i][j/64]>>uint(j%64)&1 == 1 {
				n++
			}
		}
		if n > best {
			best = n
		}
	}
	return best
}

func subsetInts(a, b []int) bool {
	j := 0
	for _, x := range a {
		for j < len(b) && b[j] < x {
			j++
		}
		if j == len(b) || b[j] != x {
			return false
		}
	}
	return true
}

func lessInts(a, b []int) bool {
	for i := 0; i < len(a) && i < len(b); i++ {
		if a[i] != b[i] {
			return a[i] < b[i]
		}
	}
	return len(a) < len(b)
}

func intsKey(a []int) string {
	b := make([]byte, 0, 4*len(a))
	for _, x := range a {
		b = append(b, byte(x>>24), byte(x>>16), byte(x>>8), byte(x))
	}
	return string(b)
}
