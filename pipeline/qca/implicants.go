package qca

import "sort"

// primeImplicants finds every prime implicant of the configurations in
// allowed that covers at least one of positive, exactly: an implicant is
// kept when every configuration it covers is allowed and dropping any one
// of its conditions would cover one that is not. It walks all 3^n
// implicants once (each is the union of two with one condition fixed), so
// it is exact for any truth table, and returns them in QCA's order.
func primeImplicants(n int, allowed, positive []bool) []Term {
	pow := make([]int, n+1)
	pow[0] = 1
	for p := 1; p <= n; p++ {
		pow[p] = pow[p-1] * 3
	}
	bad, pos := implicantTable(n, pow, allowed, positive)
	var out []Term
	digits := make([]uint8, n)
	for idx := 0; idx < pow[n]; idx++ {
		if idx > 0 {
			increment(digits)
		}
		if bad[idx] || !pos[idx] {
			continue
		}
		prime := true
		for p := 0; p < n && prime; p++ {
			if d := digits[p]; d < 2 && !bad[idx+int(2-d)*pow[p]] {
				prime = false
			}
		}
		if !prime {
			continue
		}
		t := make(Term, n)
		for p := 0; p < n; p++ {
			switch digits[p] {
			case 0:
				t[n-1-p] = Negated
			case 1:
				t[n-1-p] = Present
			}
		}
		out = append(out, t)
	}
	sort.SliceStable(out, func(i, j int) bool { return out[i].less(out[j]) })
	return out
}

// implicantTable says of every implicant (digit p of its index is 0 or 1,
// the value of the condition at bit p, or 2, the condition free) whether it
// covers a configuration not allowed (bad) and whether it covers a
// positive one (pos). An implicant with a free condition is the union of
// the two with it fixed, which come earlier in the order.
func implicantTable(n int, pow []int, allowed, positive []bool) (bad, pos []bool) {
	bad = make([]bool, pow[n])
	pos = make([]bool, pow[n])
	digits := make([]uint8, n)
	for idx := 0; idx < pow[n]; idx++ {
		if idx > 0 {
			increment(digits)
		}
		free := -1
		for p := 0; p < n; p++ {
			if digits[p] == 2 {
				free = p
				break
			}
		}
		if free < 0 {
			config := 0
			for p := 0; p < n; p++ {
				config |= int(digits[p]) << uint(p)
			}
			bad[idx], pos[idx] = !allowed[config], positive[config]
			continue
		}
		w := pow[free]
		bad[idx] = bad[idx-2*w] || bad[idx-w]
		pos[idx] = pos[idx-2*w] || pos[idx-w]
	}
	return bad, pos
}

// increment adds one to a base-3 counter, lowest digit first.
func increment(digits []uint8) {
	for p := range digits {
		digits[p]++
		if digits[p] < 3 {
			return
		}
		digits[p] = 0
	}
}
