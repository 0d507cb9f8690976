package analysis

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/tabular"
)

// evidence says, for each model the label names, its strongest indicators
// (figure and membership) and an excerpt coded to it: one line each.
func evidence(c Classification, rows []IndicatorRow, codes map[modelKey]modelCode) []string {
	models := labelModels(c)
	if len(models) == 0 {
		return []string{"no indicator has a figure for this period"}
	}
	var lines []string
	for _, m := range models {
		var ins []IndicatorRow
		for _, r := range rows {
			if r.Ind.Model == m && !math.IsNaN(r.Membership) {
				ins = append(ins, r)
			}
		}
		sort.SliceStable(ins, func(i, j int) bool { return ins[i].Membership > ins[j].Membership })
		var bits []string
		for i, r := range ins {
			if i == 3 {
				break
			}
			bits = append(bits, fmt.Sprintf("%s %s (%s)", r.Ind.Name, tabular.Number(r.Value), tabular.Number(r.Membership)))
		}
		lines = append(lines, fmt.Sprintf("model %d %s: %s", m, tabular.Number(c.M[m]), strings.Join(bits, "; ")))
		if mc := codes[modelKey{c.Area, c.Period, m}]; mc.n > 0 {
			lines = append(lines, fmt.Sprintf("  %s coded to model %d, e.g. “%s”", tabular.Plural(mc.n, "segment"), m, cut(mc.excerpt, 100)))
		}
	}
	return lines
}

func cut(s string, n int) string {
	r := []rune(strings.Join(strings.Fields(s), " "))
	if len(r) <= n {
		return string(r)
	}
	return string(r[:n-1]) + "…"
}

type modelKey struct {
	area   string
	period int
	model  int
}

type modelCode struct {
	n               int
	excerpt, source string
}

// modelCodes counts the segments coded to each model, with one excerpt.
func modelCodes(ctx context.Context, conn *sql.Conn) (map[modelKey]modelCode, error) {
	rows, err := conn.QueryContext(ctx, modelCodesSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := map[modelKey]modelCode{}
	for rows.Next() {
		var k modelKey
		var c modelCode
		var ex, src sql.NullString
		if err := rows.Scan(&k.area, &k.period, &k.model, &c.n, &ex, &src); err != nil {
			return nil, err
		}
		c.excerpt, c.source = ex.String, src.String
		out[k] = c
	}
	return out, rows.Err()
}
