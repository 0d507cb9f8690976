package analysis

import (
	"errors"
	"fmt"
)

// Kinds of bad input, for errors.Is. Every one arrives wrapped in an
// *InputError saying which file and line.
var (
	// ErrDefinition: a definition file has a missing or bad header, broken
	// SQL, or returns the wrong columns.
	ErrDefinition = errors.New("bad definition")
	// ErrWeights: a weights file names an unknown definition or gives a bad weight.
	ErrWeights = errors.New("bad weights")
	// ErrRubric: a rubric line has anchors out of order, an unknown model or a broken expression.
	ErrRubric = errors.New("bad rubric")
	// ErrCodebook: a codebook line is incomplete or names an unknown target.
	ErrCodebook = errors.New("bad codebook")
	// ErrOverride: an overrides line names an unknown area or label, or lacks a rationale.
	ErrOverride = errors.New("bad override")
	// ErrOption: a setting (normalisation, aggregation, threshold...) is not one obs knows.
	ErrOption = errors.New("bad option")
)

// InputError is bad input in a file an evaluator wrote or edited, with where
// it is. It prints compiler-style: "rubric.csv:7: ...".
type InputError struct {
	File   string // the file, as given
	Line   int    // 1-based line; 0 when the file as a whole is at fault
	Column string // the column (CSV header or SQL column), if one is at fault
	Value  string // the offending value, if any
	Kind   error  // one of ErrDefinition, ErrWeights, ErrRubric, ErrCodebook, ErrOverride
	Msg    string // what is wrong and what to do, for the evaluator
	Err    error  // the underlying cause (a DuckDB error, a parse error), if any
	Detail string // the cause in one line, when Err's own text is longer
}

func (e *InputError) Error() string {
	where := e.File
	if e.Line > 0 {
		where = fmt.Sprintf("%s:%d", e.File, e.Line)
	}
	msg := e.Msg
	if e.Column != "" {
		msg += fmt.Sprintf(" (column %s)", e.Column)
	}
	switch {
	case e.Detail != "":
		msg += ": " + e.Detail
	case e.Err != nil:
		msg += ": " + e.Err.Error()
	}
	return where + ": " + msg
}

// Unwrap gives both the kind and the cause to errors.Is and errors.As.
func (e *InputError) Unwrap() []error {
	var errs []error
	if e.Kind != nil {
		errs = append(errs, e.Kind)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}

func inputErr(kind error, file string, line int, format string, a ...any) *InputError {
	return &InputError{File: file, Line: line, Kind: kind, Msg: fmt.Sprintf(format, a...)}
}
