package qca

import (
	"bytes"
	"encoding/csv"
	"errors"
	"fmt"
	"math"
	"sort"
	"strconv"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/position"
)

// ErrInput is the kind of every error about the data or settings of an
// analysis (a column missing, a membership outside [0,1], a cut out of
// range): the evaluator must change the input.
var ErrInput = errors.New("qca input")

// inputError is an ErrInput with its message alone.
type inputError struct{ msg string }

func (e *inputError) Error() string        { return e.msg }
func (e *inputError) Is(target error) bool { return target == ErrInput }

func inputErr(format string, a ...any) error { return &inputError{fmt.Sprintf(format, a...)} }

// SetTable is the data of an analysis: cases, each with a membership in
// every condition and in the outcome.
type SetTable struct {
	Source     string      // where the data came from, for messages
	Cases      []string    // case labels, in the data's order
	Conditions []string    // condition names, in the order given
	Outcome    string      // the outcome's name; "~NAME" when negated
	Members    [][]float64 // Members[k][i]: case i's membership in condition k
	Y          []float64   // each case's membership in the outcome
	// Calibrated says how each calibrated column was made, by name.
	Calibrated map[string]Anchors
	LogOdds    LogOdds
}

// Anchors are the three anchors of the direct method.
type Anchors struct{ Exclusion, Crossover, Inclusion float64 }

// Negated is the same table explaining the outcome's absence.
func (st *SetTable) Negated() *SetTable {
	c := *st
	c.Y = make([]float64, len(st.Y))
	for i, y := range st.Y {
		c.Y[i] = 1 - y
	}
	if strings.HasPrefix(st.Outcome, "~") {
		c.Outcome = strings.TrimPrefix(st.Outcome, "~")
	} else {
		c.Outcome = "~" + st.Outcome
	}
	return &c
}

// CSVOptions say which columns of a CSV make the set table.
type CSVOptions struct {
	Case       string   // the column naming each case
	Outcome    string   // the outcome column
	Conditions []string // the condition columns, in order
	// Calibrate holds anchors for raw columns to calibrate first.
	Calibrate map[string]Anchors
	LogOdds   LogOdds
}

// ReadCSV reads a set table from a CSV whose columns are memberships in
// [0,1] (crisp 0/1 allowed), or raw values with anchors to calibrate.
func ReadCSV(file string, data []byte, opt CSVOptions) (*SetTable, error) {
	r := csv.NewReader(bytes.NewReader(bytes.TrimPrefix(data, []byte("\xef\xbb\xbf"))))
	r.FieldsPerRecord = -1
	recs, err := r.ReadAll()
	if err != nil {
		return nil, &position.Error{File: file, Kind: ErrInput, Err: fmt.Errorf("cannot read the file as CSV: %w", err)}
	}
	if len(recs) < 2 {
		return nil, &position.Error{File: file, Kind: ErrInput, Err: errors.New("the file has no rows under its header; give one row per case")}
	}
	header := recs[0]
	col := map[string]int{}
	for j, h := range header {
		col[strings.TrimSpace(h)] = j
	}
	find := func(name, role string) (int, error) {
		if j, ok := col[name]; ok {
			return j, nil
		}
		return 0, &position.Error{File: file, Line: 1, Kind: ErrInput,
			Err: fmt.Errorf("there is no column %q for the %s; the columns are %s", name, role, strings.Join(header, ", "))}
	}
	if opt.LogOdds == "" {
		opt.LogOdds = LogOddsQCA
	}
	for name := range opt.Calibrate {
		if name != opt.Outcome && indexOf(opt.Conditions, name) < 0 {
			return nil, inputErr("--calibrate names %q, which is neither the outcome nor a condition", name)
		}
	}
	st := &SetTable{Source: file, Conditions: opt.Conditions, Outcome: opt.Outcome, Calibrated: opt.Calibrate, LogOdds: opt.LogOdds}
	if len(opt.Conditions) == 0 {
		return nil, inputErr("name the conditions with --conditions A,B,C")
	}
	if dup := duplicate(append([]string{opt.Outcome}, opt.Conditions...)); dup != "" {
		return nil, inputErr("%q is named twice among the outcome and conditions", dup)
	}
	caseCol, err := find(opt.Case, "case labels (--case)")
	if err != nil {
		return nil, err
	}
	rows := recs[1:]
	seen := map[string]int{}
	for n, rec := range rows {
		label := strings.TrimSpace(field(rec, caseCol))
		if label == "" {
			return nil, &position.Error{File: file, Line: n + 2, Column: opt.Case, Kind: ErrInput, Err: errors.New("the case has no label; give every row a case name")}
		}
		if l, dup := seen[label]; dup {
			return nil, &position.Error{File: file, Line: n + 2, Column: opt.Case, Value: label, Kind: ErrInput, Err: fmt.Errorf("the case %q appears twice (also on line %d); give each case one row", label, l)}
		}
		seen[label] = n + 2
		st.Cases = append(st.Cases, label)
	}
	read := func(name, role string) ([]float64, error) {
		j, err := find(name, role)
		if err != nil {
			return nil, err
		}
		return readColumn(file, name, rows, j, opt)
	}
	if st.Y, err = read(opt.Outcome, "outcome (--outcome)"); err != nil {
		return nil, err
	}
	for _, c := range opt.Conditions {
		m, err := read(c, "condition (--conditions)")
		if err != nil {
			return nil, err
		}
		st.Members = append(st.Members, m)
	}
	return st, st.Check()
}

// readColumn reads column j (name) of every row as a membership, calibrating
// it first when it has anchors.
func readColumn(file, name string, rows [][]string, j int, opt CSVOptions) ([]float64, error) {
	anchors, calibrate := opt.Calibrate[name]
	if calibrate {
		if err := CheckAnchors(anchors.Exclusion, anchors.Crossover, anchors.Inclusion); err != nil {
			return nil, inputErr("--calibrate %s: %v", name, err)
		}
	}
	out := make([]float64, len(rows))
	for n, rec := range rows {
		raw := strings.TrimSpace(field(rec, j))
		v, err := strconv.ParseFloat(raw, 64)
		if err != nil || math.IsNaN(v) || math.IsInf(v, 0) {
			return nil, &position.Error{File: file, Line: n + 2, Column: name, Value: raw, Kind: ErrInput,
				Err: fmt.Errorf("%q is not a number; every case needs a value for %s (QCA cannot use a case with a missing value: fill it or leave the case out)", raw, name)}
		}
		if calibrate {
			v = Calibrate(v, anchors.Exclusion, anchors.Crossover, anchors.Inclusion, opt.LogOdds)
		} else if v < 0 || v > 1 {
			return nil, &position.Error{File: file, Line: n + 2, Column: name, Value: raw, Kind: ErrInput,
				Err: fmt.Errorf("the membership %s is outside [0,1]; memberships run from 0 (fully out) to 1 (fully in): calibrate a raw column with --calibrate %s=EXCLUSION,CROSSOVER,INCLUSION", raw, name)}
		}
		out[n] = v
	}
	return out, nil
}

// Check refuses a set table QCA cannot analyse: a condition every case
// holds at exactly 0.5 (no case is more in than out, or more out than in),
// or a condition with the same membership for every case (it cannot tell
// cases apart), and memberships outside [0,1].
func (st *SetTable) Check() error {
	if len(st.Cases) == 0 {
		return inputErr("the data has no cases")
	}
	check := func(name string, m []float64, condition bool) error {
		half, same := true, true
		for i, v := range m {
			if math.IsNaN(v) || v < 0 || v > 1 {
				return &position.Error{File: st.Source, Column: name, Value: strconv.FormatFloat(v, 'g', -1, 64), Kind: ErrInput,
					Err: fmt.Errorf("case %s has membership %g, outside [0,1]; memberships run from 0 to 1", st.Cases[i], v)}
			}
			half = half && v == 0.5
			same = same && v == m[0]
		}
		switch {
		case half:
			return &position.Error{File: st.Source, Kind: ErrInput,
				Err: fmt.Errorf("every case has membership exactly 0.5 in %s, so no case is in or out of it; move its crossover or leave it out", name)}
		case same && condition:
			return &position.Error{File: st.Source, Kind: ErrInput,
				Err: fmt.Errorf("every case has the same membership (%g) in %s, so it cannot tell cases apart; leave it out of the conditions or recalibrate it", m[0], name)}
		}
		return nil
	}
	if err := check(st.Outcome, st.Y, false); err != nil {
		return err
	}
	for k, c := range st.Conditions {
		if err := check(c, st.Members[k], true); err != nil {
			return err
		}
	}
	if len(st.Conditions) > MaxConditions {
		return inputErr("%d conditions is more than obs minimises exactly (at most %d); leave some out", len(st.Conditions), MaxConditions)
	}
	return nil
}

// HalfCases lists, by condition, the cases at exactly 0.5: they belong to
// no truth-table row.
func (st *SetTable) HalfCases() map[string][]string {
	out := map[string][]string{}
	for k, c := range st.Conditions {
		for i, v := range st.Members[k] {
			if v == 0.5 {
				out[c] = append(out[c], st.Cases[i])
			}
		}
	}
	return out
}

func field(rec []string, j int) string {
	if j < len(rec) {
		return rec[j]
	}
	return ""
}

func indexOf(xs []string, s string) int {
	for i, x := range xs {
		if x == s {
			return i
		}
	}
	return -1
}

func duplicate(xs []string) string {
	s := append([]string(nil), xs...)
	sort.Strings(s)
	for i := 1; i < len(s); i++ {
		if s[i] == s[i-1] {
			return s[i]
		}
	}
	return ""
}
