package analysis_test

import (
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/sample"
)

// BenchmarkScoreClassify scores (1,000 Monte Carlo draws) and classifies 150
// areas over 10 years of sample returns, writing every result table: one
// 'obs score' and one 'obs classify'. Target: under 10 s an operation.
//
//	go test -tags duckdb_arrow -run '^$' -bench ScoreClassify -benchtime 1x ./pipeline/analysis/
func BenchmarkScoreClassify(b *testing.B) {
	st := loadSample(b, sample.Options{Areas: 150, Years: 10})
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		sr, cr := runAll(b, st, 1000)
		if len(sr.Uncertainty) == 0 || len(cr.Classifications) != 1500 {
			b.Fatalf("%d uncertainty rows, %d classifications (want 1,500)", len(sr.Uncertainty), len(cr.Classifications))
		}
	}
}
