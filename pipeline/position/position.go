// Package position owns the one error type for a fault at a place in a file:
// a cell of a worksheet, a line of a CSV, SQL or Markdown file, an element of
// a project, or the file as a whole. Every reader of outside input (ingest,
// analysis, query, notebook) reports through it, so every position prints
// the same compiler-style way (events.xlsx:Events!D14: ...) and a caller that
// wants the message alone asks for Message, never cutting text, as with
// encoding/csv.ParseError. It sits below every other package and imports none.
package position

import (
	"fmt"
	"strconv"
	"strings"
)

// Error is a fault at a place in a file.
type Error struct {
	File   string // the file's name, as shown to the person who sent it
	Sheet  string // the worksheet, or the part of a file (project.qde); "" for a text file
	Line   int    // the row of a worksheet or the line of a text file, from 1; 0 for the file as a whole
	Col    string // the column's letter in a worksheet, if one cell is at fault
	Column string // the column's name (a header or a result column), if one is at fault
	Value  string // the value at fault, as written, if any
	Kind   error  // what kind of fault, for errors.Is; not printed
	Err    error  // what is wrong and what to do, and its cause
}

// Where is the position alone: "events.xlsx:Events!D14", "rubric.csv:7",
// "events.xlsx".
func (e *Error) Where() string {
	if p := e.Place(); p != "" {
		return e.File + ":" + p
	}
	return e.File
}

// Place is the position inside the file: "Events!D14" (a cell), "Events!14"
// (a row), "project.qde" (a part), "7" (a line); "" for the file as a whole.
func (e *Error) Place() string {
	switch {
	case e.Sheet != "" && e.Line > 0:
		return fmt.Sprintf("%s!%s%d", e.Sheet, e.Col, e.Line)
	case e.Sheet != "":
		return e.Sheet
	case e.Line > 0:
		return strconv.Itoa(e.Line)
	}
	return ""
}

// Message is what is wrong and what to do, without the position. A column's
// name follows the first clause: "what (column hours); what to do".
func (e *Error) Message() string {
	msg := ""
	if e.Err != nil {
		msg = e.Err.Error()
	}
	if e.Column == "" {
		return msg
	}
	col := " (column " + e.Column + ")"
	if what, todo, ok := strings.Cut(msg, "; "); ok {
		return what + col + "; " + todo
	}
	return msg + col
}

func (e *Error) Error() string {
	w := e.Where()
	if w == "" {
		return e.Message()
	}
	return w + ": " + e.Message()
}

// Unwrap gives the kind and the cause to errors.Is and errors.As.
func (e *Error) Unwrap() []error {
	var errs []error
	if e.Kind != nil {
		errs = append(errs, e.Kind)
	}
	if e.Err != nil {
		errs = append(errs, e.Err)
	}
	return errs
}
