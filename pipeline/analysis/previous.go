package analysis

import (
	"context"
	"database/sql"
	"fmt"
	"os"
	"strconv"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/qca"
)

// querier is a database, connection or transaction to read from.
type querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// PreviousOptions are the settings the results in the database were last
// made with, read back from score_settings, classify_settings and the
// overrides the classifications carry, so that results recomputed after new
// returns keep an evaluator's choices: normalisation, aggregation, weights,
// coverage, goalposts, resident definition, seed, draws and the
// sensitivity's samples; the rubric and codebook files (when not the
// built-in ones and still there); the hybrid margin, the calibration's log-odds, the
// label-stability draws and seed, the intercoder overlap; the overrides as they were
// applied. With no results yet, they are what
// 'obs score' and 'obs classify' use without flags.
func PreviousOptions(ctx context.Context, db querier, defs *Definitions) (ScoreOptions, ClassifyOptions, error) {
	sopt := ScoreOptions{Coverage: 0.5, Seed: 1, Draws: 1000, Samples: 1000, ResidentDef: "R1"}
	score, err := settingsOf(ctx, db, "score_settings")
	if err != nil {
		return sopt, ClassifyOptions{}, err
	}
	class, err := settingsOf(ctx, db, "classify_settings")
	if err != nil {
		return sopt, ClassifyOptions{}, err
	}
	sopt.Normalisation, sopt.Aggregation = score["normalisation"], score["aggregation"]
	if v, err := strconv.ParseFloat(score["coverage_threshold"], 64); err == nil {
		sopt.Coverage = v
	}
	if v := score["resident_def"]; v != "" {
		sopt.ResidentDef = v
	}
	if v, err := strconv.ParseUint(score["seed"], 10, 64); err == nil {
		sopt.Seed = v
	}
	if v, err := strconv.Atoi(score["draws"]); err == nil {
		sopt.Draws = v
	}
	if v, err := strconv.Atoi(score["sensitivity_samples"]); err == nil {
		sopt.Samples = v
	}
	if sopt.Weights, err = previousWeights(score, defs); err != nil {
		return sopt, ClassifyOptions{}, err
	}
	if f := ownFile(score["goalposts_file"]); f != "" {
		src, err := ReadSource(f, "")
		if err != nil {
			return sopt, ClassifyOptions{}, err
		}
		if sopt.Goalposts, err = ReadGoalposts(src.Name, src.Data, defs); err != nil {
			return sopt, ClassifyOptions{}, err
		}
	}

	copt, err := ReadClassifyFiles(ownFile(class["rubric"]), ownFile(class["codebook"]), "", defs, nil)
	if err != nil {
		return sopt, copt, err
	}
	if v, err := strconv.ParseFloat(class["hybrid_margin"], 64); err == nil {
		copt.Margin = v
	}
	if v, err := qca.ParseLogOdds(class["logodds"]); err == nil && class["logodds"] != "" {
		copt.LogOdds = v
	}
	if v, err := strconv.Atoi(class["stability_draws"]); err == nil {
		copt.Draws = v
	}
	if v, err := strconv.ParseUint(class["stability_seed"], 10, 64); err == nil {
		copt.Seed = v
	}
	if v, err := strconv.ParseFloat(class["intercoder_overlap"], 64); err == nil {
		copt.Overlap = v
	}
	if copt.Overrides, err = appliedOverrides(ctx, db, class); err != nil {
		return sopt, copt, err
	}
	return sopt, copt, nil
}

func settingsOf(ctx context.Context, db querier, table string) (map[string]string, error) {
	rows, err := db.QueryContext(ctx, fmt.Sprintf(settingsSQL, table))
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	m := map[string]string{}
	for rows.Next() {
		var k, v sql.NullString
		if err := rows.Scan(&k, &v); err != nil {
			return nil, err
		}
		m[k.String] = v.String
	}
	return m, rows.Err()
}

// ownFile is a settings file path to read again: "" (the built-in file)
// when it was the built-in one or is no longer there.
func ownFile(p string) string {
	if p == "" || strings.HasPrefix(p, "queries/defaults/") {
		return ""
	}
	if _, err := os.Stat(p); err != nil {
		return ""
	}
	return p
}

// previousWeights are the weights as last used ("composition=1 turnout=2 ..."),
// or the built-in ones when none were recorded or the definitions changed.
func previousWeights(score map[string]string, defs *Definitions) (*Weights, error) {
	if w := score["weights"]; w != "" {
		var csv strings.Builder
		csv.WriteString("definition,weight\n")
		for _, f := range strings.Fields(w) {
			name, v, _ := strings.Cut(f, "=")
			csv.WriteString(name + "," + v + "\n")
		}
		name := "the weights last used"
		if f := score["weights_file"]; f != "" {
			name += " (" + f + ")"
		}
		if ws, err := ReadWeights(name, []byte(csv.String()), defs); err == nil {
			return ws, nil
		}
	}
	src, err := ReadSource("", "weights.csv")
	if err != nil {
		return nil, err
	}
	return ReadWeights(src.Name, src.Data, defs)
}

// appliedOverrides are the overrides the classifications carry, as applied
// (evaluators already pseudonymised); nil when there are none.
func appliedOverrides(ctx context.Context, db querier, class map[string]string) (*Overrides, error) {
	rows, err := db.QueryContext(ctx, appliedOverridesSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	const applied = " (as last applied)"
	ov := &Overrides{File: strings.TrimSuffix(class["overrides"], applied) + applied, SHA256: class["overrides_sha256"]}
	for rows.Next() {
		o := &Override{}
		if err := rows.Scan(&o.Area, &o.Period, &o.Label, &o.Rationale, &o.By); err != nil {
			return nil, err
		}
		o.Line = len(ov.List) + 1
		ov.List = append(ov.List, o)
	}
	if err := rows.Err(); err != nil || len(ov.List) == 0 {
		return nil, err
	}
	return ov, nil
}
