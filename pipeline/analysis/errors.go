package analysis

import (
	"errors"
	"fmt"

	"github.com/ourbiggerstory/obs/pipeline/position"
)

// Kinds of bad input, for errors.Is. Every one arrives as the Kind of a
// *position.Error saying which file and line.
var (
	// ErrDefinition: a definition file has a missing or bad header, broken
	// SQL, or returns the wrong columns.
	ErrDefinition = errors.New("bad definition")
	// ErrWeights: a weights file names an unknown definition or gives a bad weight.
	ErrWeights = errors.New("bad weights")
	// ErrGoalposts: a goalposts file names an unknown definition or gives bad bounds.
	ErrGoalposts = errors.New("bad goalposts")
	// ErrRubric: a rubric line has anchors out of order, an unknown model or a broken expression.
	ErrRubric = errors.New("bad rubric")
	// ErrCodebook: a codebook line is incomplete or names an unknown target.
	ErrCodebook = errors.New("bad codebook")
	// ErrOverride: an overrides line names an unknown area or label, or lacks a rationale.
	ErrOverride = errors.New("bad override")
	// ErrOption: a setting (normalisation, aggregation, threshold...) is not one obs knows.
	ErrOption = errors.New("bad option")
)

// reason is what is wrong, worded for the evaluator, over the error that
// caused it (a DuckDB error, a CSV parse error), whose gist follows it:
// "the SQL does not run: Binder Error: ...".
type reason struct {
	msg    string
	detail string // the cause in one line, when the cause's own text is longer
	err    error
}

func (r *reason) Error() string {
	switch {
	case r.detail != "":
		return r.msg + ": " + r.detail
	case r.err != nil:
		return r.msg + ": " + r.err.Error()
	}
	return r.msg
}

func (r *reason) Unwrap() error { return r.err }

// badInput is bad input at a line of a file: what is wrong, and its cause if any.
func badInput(kind error, file string, line int, column, value, msg string, cause error) *position.Error {
	return &position.Error{File: file, Line: line, Column: column, Value: value, Kind: kind, Err: &reason{msg: msg, err: cause}}
}

func inputErr(kind error, file string, line int, format string, a ...any) *position.Error {
	return badInput(kind, file, line, "", "", fmt.Sprintf(format, a...), nil)
}
