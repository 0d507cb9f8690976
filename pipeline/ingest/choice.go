package ingest

import (
	"fmt"
	"strings"
)

// HeldRows is the current rows of one earlier load where a refused file
// brings rows too.
type HeldRows struct {
	Kind, Area string // the kind, and the area's name
	Period     int32
	HasPeriod  bool
	Load       int64
	File       string
	Rows       int // that load's current rows there
	New        int // the rows the refused file brings there
}

// ChoiceError refuses a file that brings rows for a kind, area and period
// that already holds current rows from a different return: adding to them
// and replacing them are both plausible, so the evaluator chooses (Options
// Choice: Add or Replace). Nothing of the file is stored.
type ChoiceError struct {
	File      string
	Held      []HeldRows
	New       int // rows the file brings where rows are held
	Old       int // rows held there
	Elsewhere int // rows the file brings where none are held: they load either way
}

// What says what is there, without the choices: "Birchfield 2021-22 already
// has 5 events from a.xlsx (load 1)."
func (e *ChoiceError) What() string {
	var parts []string
	for i := 0; i < len(e.Held); {
		h := e.Held[i]
		var from []string
		rows := 0
		for ; i < len(e.Held) && e.Held[i].Kind == h.Kind && e.Held[i].Area == h.Area && e.Held[i].Period == h.Period; i++ {
			from = append(from, fmt.Sprintf("%s (load %d)", e.Held[i].File, e.Held[i].Load))
			rows += e.Held[i].Rows
		}
		s := fmt.Sprintf("%s already has %s from %s", place(h.Area, h.Period, h.HasPeriod), rowsOf(rows, h.Kind), strings.Join(from, " and "))
		if len(e.Held) > 1 || e.Elsewhere > 0 {
			s += fmt.Sprintf(" and this file brings %d", h.New)
		}
		parts = append(parts, s)
	}
	s := strings.Join(parts, "; ") + "."
	if e.Elsewhere > 0 {
		s += fmt.Sprintf(" (Its other %s, for areas and years with no rows from another return, load either way.)", plainRows(e.Elsewhere))
	}
	return s
}

func plainRows(n int) string {
	if n == 1 {
		return "row"
	}
	return fmt.Sprintf("%d rows", n)
}

func (e *ChoiceError) Error() string {
	return fmt.Sprintf("%s: %s Load again with --add to add %s, or --replace to replace %s with %s.",
		e.File, e.What(), e.These(), e.Those(), e.These())
}

// These names the rows the file brings where rows are held: "these 2".
func (e *ChoiceError) These() string { return these(e.New) }

// Those names the rows held there: "those 5".
func (e *ChoiceError) Those() string { return those(e.Old) }

func these(n int) string {
	if n == 1 {
		return "this 1"
	}
	return fmt.Sprintf("these %d", n)
}

func those(n int) string {
	if n == 1 {
		return "that 1"
	}
	return fmt.Sprintf("those %d", n)
}
