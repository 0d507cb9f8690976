package analysis

import (
	"crypto/sha256"
	"encoding/hex"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ourbiggerstory/obs/schemas"
)

func compositeUnit(o ScoreOptions) string {
	scale := map[string]string{MinMax: "min-max scores (0-100)", ZScore: "z-scores", RankNorm: "rank scores (0-100)", Percentile: "percentiles (0-100)",
		Goalposts: "scores on fixed goalposts (0-100)"}[o.Normalisation]
	if o.Aggregation == Geometric {
		return "weighted geometric mean of " + scale + ", each put on 1-100"
	}
	return "weighted mean of " + scale
}

func scoreSettings(o ScoreOptions, defs *Definitions, areas int, periods []int) [][2]string {
	files := make([]string, len(defs.Defs))
	h := sha256.New()
	for i, d := range defs.Defs {
		files[i] = d.File
		fmt.Fprintf(h, "%s\x00%s\x00", d.File, d.SQL)
	}
	for _, x := range defs.Helpers {
		fmt.Fprintf(h, "%s\x00%s\x00", x.File, x.SQL)
	}
	ps := make([]string, len(periods))
	for i, p := range periods {
		ps[i] = schemas.Period(p).String()
	}
	s := [][2]string{
		{"normalisation", o.Normalisation},
		{"aggregation", o.Aggregation},
		{"weights", o.Weights.String(defs)},
		{"weights_file", o.Weights.File},
		{"weights_sha256", o.Weights.SHA256},
		{"coverage_threshold", strconv.FormatFloat(o.Coverage, 'g', -1, 64)},
		{"resident_def", o.ResidentDef},
		{"seed", strconv.FormatUint(o.Seed, 10)},
		{"draws", strconv.Itoa(o.Draws)},
		{"sensitivity_samples", strconv.Itoa(o.Samples)},
		{"sensitivity", fmt.Sprintf("Sobol indices of each choice (weights as one group, normalisation, aggregation, resident definition), drawn as the Monte Carlo draws them, for each area's composite rank: Saltelli design of %d base samples (%d composites ranked a period), first order by Saltelli's 2010 estimator, total order by Jansen's, 95%% percentile intervals from %d bootstrap resamples; PCG seeded with (seed, period + 2^32)", o.Samples, o.Samples*(2+len(SensitivityFactors)), sobolBoot)},
		{"monte_carlo", "weights ~ Dirichlet centred on the weights (concentration 1 per weighted definition); normalisation, aggregation and resident definition equally likely; PCG seeded with (seed, period)"},
		{"definitions", strings.Join(defs.Names(), ", ")},
		{"definition_files", strings.Join(files, ", ")},
		{"definitions_sha256", hex.EncodeToString(h.Sum(nil))},
		{"areas", strconv.Itoa(areas)},
		{"periods", strings.Join(ps, ", ")},
		{"run_at", o.Now().UTC().Format(time.RFC3339)},
	}
	if o.Method != "" {
		s = append(s, [2]string{"method", o.Method})
	}
	if len(o.Weights.Unlisted) > 0 {
		s = append(s, [2]string{"weights_unlisted", strings.Join(o.Weights.Unlisted, ", ") + " (weight 0)"})
	}
	return s
}
