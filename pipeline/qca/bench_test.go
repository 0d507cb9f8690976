package qca

import (
	"math/rand"
	"testing"
)

// BenchmarkMinimize12 minimises a 12-condition truth table of 150 cases to
// all three solutions (target: under 1 s an operation).
func BenchmarkMinimize12(b *testing.B) {
	st := randomTable(rand.New(rand.NewSource(12)), 12, 150)
	dir := make([]Term, 12)
	for k := range dir {
		dir[k] = make(Term, 12)
		dir[k][k] = Present
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		tt, err := NewTruthTable(st, cuts(0.75))
		if err != nil {
			b.Fatal(err)
		}
		if _, err := Minimize(tt, Options{DirExp: dir}); err != nil {
			b.Fatal(err)
		}
	}
}
