package schemas

// Distance is the Levenshtein edit distance between a and b, in characters.
func Distance(a, b string) int {
	ra, rb := []rune(a), []rune(b)
	prev := make([]int, len(rb)+1)
	cur := make([]int, len(rb)+1)
	for j := range prev {
		prev[j] = j
	}
	for i := 1; i <= len(ra); i++ {
		cur[0] = i
		for j := 1; j <= len(rb); j++ {
			cost := 1
			if ra[i-1] == rb[j-1] {
				cost = 0
			}
			cur[j] = min(prev[j]+1, cur[j-1]+1, prev[j-1]+cost)
		}
		prev, cur = cur, prev
	}
	return prev[len(rb)]
}

// Nearest is the candidate closest to s, both folded with Norm, when it is
// close enough to be a likely slip of the keyboard (a third of the letters,
// or two, at most); ties go to the first candidate. It serves every
// "did you mean ...?" an area id or name gets.
func Nearest(s string, candidates []string) (string, bool) {
	k := Norm(s)
	best, bestD := "", 1<<30
	for _, c := range candidates {
		if d := Distance(k, Norm(c)); d < bestD {
			best, bestD = c, d
		}
	}
	return best, best != "" && bestD <= max(2, len([]rune(k))/3)
}
