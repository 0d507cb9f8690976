package qca

import (
	"context"
	"database/sql"
	"fmt"
	"math"
	"sort"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// Querier runs a query (a *sql.DB or *sql.Conn).
type Querier interface {
	QueryContext(ctx context.Context, query string, args ...any) (*sql.Rows, error)
}

// Run is an analysis run on one period of obs's data.
type Run struct {
	Analysis *Analysis
	Period   schemas.Period
	Periods  []schemas.Period // every period the query returned, in order
	Data     *SetTable
	Result   *Result
	Report   *Report
}

// RunOptions are the choices of a run; the zero value takes the header's
// cuts and directional expectations, the latest period and QCA's log-odds.
type RunOptions struct {
	Period    schemas.Period // 0: the latest the query returns
	LogOdds   LogOdds
	Cuts      *Cuts   // nil: the header's
	DirExp    *string // nil: the header's
	Solutions []string
	Negate    bool     // explain the outcome's absence
	Necessity []string // expressions to test for necessity besides each condition
}

// RunAnalysis runs the analysis's query and analyses the areas of one
// period. A case missing a value is left out, with a note saying which and
// why: QCA cannot use it, and obs does not guess it.
func RunAnalysis(ctx context.Context, db Querier, a *Analysis, ro RunOptions) (*Run, error) {
	period := ro.Period
	if ro.LogOdds == "" {
		ro.LogOdds = LogOddsQCA
	}
	rows, err := queryRows(ctx, db, a)
	if err != nil {
		return nil, err
	}
	run := &Run{Analysis: a}
	seen := map[schemas.Period]bool{}
	for _, r := range rows {
		if !seen[r.period] {
			seen[r.period] = true
			run.Periods = append(run.Periods, r.period)
		}
	}
	sort.Slice(run.Periods, func(i, j int) bool { return run.Periods[i] < run.Periods[j] })
	if len(run.Periods) == 0 {
		return nil, inputErr("the analysis %s found no areas: its query returned no rows (load returns with obs ingest, and run obs build)", a.Name)
	}
	if period == 0 {
		period = run.Periods[len(run.Periods)-1]
	}
	if !seen[period] {
		return nil, inputErr("the analysis %s has no areas in %s; give --period one of %s", a.Name, period, periodList(run.Periods))
	}
	run.Period = period
	st, notes := a.setTable(rows, period, ro.LogOdds)
	if len(st.Cases) == 0 {
		return nil, inputErr("no area has a value in every column of %s in %s (%s)", a.Name, period, notes[0])
	}
	if err := st.Check(); err != nil {
		return nil, err
	}
	if ro.Negate {
		st = st.Negated()
	}
	cuts, dirExp := a.Cuts, a.DirExp
	if ro.Cuts != nil {
		cuts = *ro.Cuts
	}
	if ro.DirExp != nil {
		dirExp = *ro.DirExp
	}
	dir, err := ParseDirExp(dirExp, st.Conditions)
	if err != nil {
		return nil, err
	}
	opt := Options{DirExp: dir, Solutions: ro.Solutions}
	res, rep, err := Analyse(st, cuts, opt, ro.Necessity)
	if err != nil {
		return nil, err
	}
	direct := false
	for _, c := range a.Columns {
		rep.Settings = append(rep.Settings, Setting{"column " + c.Name, c.Describe() + "; " + c.Doc})
		direct = direct || c.Kind == KindDirect
	}
	if direct {
		rep.Settings = append(rep.Settings, Setting{"logodds", string(ro.LogOdds)}, Setting{"calibration", ro.LogOdds.Describe()})
	}
	rep.Settings = append(rep.Settings, Setting{"period", period.String()})
	rep.Notes = append(notes, rep.Notes...)
	run.Data, run.Result, run.Report = st, res, rep
	return run, nil
}

// Analyse runs necessity, the truth table and minimisation on a set table
// and puts them in one report; cases at exactly 0.5 in a condition are
// noted.
func Analyse(st *SetTable, cuts Cuts, opt Options, necessity []string) (*Result, *Report, error) {
	nec, err := NecessityTable(st, necessity)
	if err != nil {
		return nil, nil, err
	}
	tt, err := NewTruthTable(st, cuts)
	if err != nil {
		return nil, nil, err
	}
	res, err := Minimize(tt, opt)
	if err != nil {
		return nil, nil, err
	}
	rep := NewReport(res, nec, Settings(st, cuts, opt))
	half := st.HalfCases()
	for _, c := range st.Conditions {
		if cases := half[c]; len(cases) > 0 {
			verb := "those cases are"
			if len(cases) == 1 {
				verb = "that case is"
			}
			rep.Notes = append(rep.Notes, fmt.Sprintf("%s is exactly 0.5 for %s, so %s in no truth-table row", c, strings.Join(cases, ", "), verb))
		}
	}
	return res, rep, nil
}

// analysisRow is one row of an analysis's query.
type analysisRow struct {
	area   string
	period schemas.Period
	values []float64 // by column of the header; NaN when NULL
}

// queryRows runs the query and reads its rows, checking its columns.
func queryRows(ctx context.Context, db Querier, a *Analysis) ([]analysisRow, error) {
	rs, err := db.QueryContext(ctx, a.SQL)
	if err != nil {
		return nil, analysisErr(a.File, 0, "the query failed: %v", err)
	}
	defer rs.Close()
	cols, err := rs.Columns()
	if err != nil {
		return nil, err
	}
	index := map[string]int{}
	for j, c := range cols {
		index[strings.ToLower(c)] = j
	}
	want := []string{"area_id", "period"}
	for _, c := range a.Columns {
		want = append(want, c.Name)
	}
	pos := make([]int, len(want))
	for k, w := range want {
		j, ok := index[strings.ToLower(w)]
		if !ok {
			return nil, analysisErr(a.File, 0, "the query returns no column %s; it returns %s", w, strings.Join(cols, ", "))
		}
		pos[k] = j
	}
	var out []analysisRow
	for rs.Next() {
		vals := make([]any, len(cols))
		ptrs := make([]any, len(cols))
		for j := range vals {
			ptrs[j] = &vals[j]
		}
		if err := rs.Scan(ptrs...); err != nil {
			return nil, err
		}
		r := analysisRow{area: fmt.Sprint(vals[pos[0]]), period: schemas.Period(number(vals[pos[1]]))}
		for _, j := range pos[2:] {
			r.values = append(r.values, number(vals[j]))
		}
		out = append(out, r)
	}
	return out, rs.Err()
}

// number reads a query value as a number; NaN for NULL or what is not one.
func number(v any) float64 {
	switch x := v.(type) {
	case float64:
		return x
	case float32:
		return float64(x)
	case int64:
		return float64(x)
	case int32:
		return float64(x)
	case int16:
		return float64(x)
	case int8:
		return float64(x)
	case int:
		return float64(x)
	case uint64:
		return float64(x)
	case uint32:
		return float64(x)
	case bool:
		if x {
			return 1
		}
		return 0
	case interface{ Float64() float64 }:
		return x.Float64()
	}
	return math.NaN()
}

// setTable makes the set table of one period's areas, calibrating each
// column; areas missing a value are left out, with notes.
func (a *Analysis) setTable(rows []analysisRow, period schemas.Period, lo LogOdds) (*SetTable, []string) {
	st := &SetTable{Source: fmt.Sprintf("%s, %s", a.File, period), Outcome: a.Outcome, Conditions: a.Conditions(), LogOdds: lo}
	st.Members = make([][]float64, len(st.Conditions))
	var notes []string
	for _, r := range rows {
		if r.period != period {
			continue
		}
		var missing []string
		for k, c := range a.Columns {
			if math.IsNaN(r.values[k]) {
				missing = append(missing, c.Name)
			}
		}
		if len(missing) > 0 {
			notes = append(notes, fmt.Sprintf("%s is left out: it has no value for %s", r.area, strings.Join(missing, ", ")))
			continue
		}
		st.Cases = append(st.Cases, r.area)
		k := 0
		for j, c := range a.Columns {
			m := c.Membership(r.values[j], lo)
			if c.Name == a.Outcome {
				st.Y = append(st.Y, m)
				continue
			}
			st.Members[k] = append(st.Members[k], m)
			k++
		}
	}
	return st, notes
}

func periodList(ps []schemas.Period) string {
	s := make([]string, len(ps))
	for i, p := range ps {
		s[i] = p.String()
	}
	return strings.Join(s, ", ")
}
