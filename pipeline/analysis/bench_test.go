package analysis_test

import (
	"context"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/sample"
	"github.com/ourbiggerstory/obs/pipeline/store"
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

// BenchmarkSensitivity scores 150 areas over 10 years of sample returns
// with the Sobol indices of 1,000 base samples (6,000 composites ranked a
// period, in memory) and no Monte Carlo, writing every score table. Target:
// under 30 s an operation.
//
//	go test -tags duckdb_arrow -run '^$' -bench Sensitivity -benchtime 1x ./pipeline/analysis/
func BenchmarkSensitivity(b *testing.B) {
	st := loadSample(b, sample.Options{Areas: 150, Years: 10})
	defs, err := analysis.LoadDefinitions(analysis.BuiltinDefinitions(), "")
	if err != nil {
		b.Fatal(err)
	}
	b.ReportAllocs()
	b.ResetTimer()
	for i := 0; i < b.N; i++ {
		var res *analysis.ScoreResult
		err := st.InTx(context.Background(), func(tx *store.Tx) error {
			var err error
			if res, err = analysis.Score(context.Background(), tx.Conn, defs, analysis.ScoreOptions{Seed: 1, Samples: 1000}); err != nil {
				return err
			}
			return res.Write(tx)
		})
		if err != nil {
			b.Fatal(err)
		}
		if len(res.Sensitivity) != 10*151*len(analysis.SensitivityFactors) {
			b.Fatalf("%d sensitivity rows, want %d", len(res.Sensitivity), 10*151*len(analysis.SensitivityFactors))
		}
	}
}
