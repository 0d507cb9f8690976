package ingest

import (
	"errors"
	"fmt"

	"github.com/ourbiggerstory/obs/pipeline/position"
)

// ErrorType names what is wrong with a quarantined row; callers and the
// quarantine table use these values.
type ErrorType string

const (
	UnknownArea     ErrorType = "unknown-area"
	TypeError       ErrorType = "type-error"
	MissingCell     ErrorType = "missing-cell"
	ConstraintError ErrorType = "constraint-error"
	DuplicateRow    ErrorType = "duplicate-row"
	ExcelError      ErrorType = "excel-error"
	NoArea          ErrorType = "no-area"
	NoPeriod        ErrorType = "no-period"
	// FieldCount is a CSV line with more fields than its header: a value
	// with an unquoted comma in it, split in two, that would shift the rest.
	FieldCount ErrorType = "field-count"
)

// Error is the ErrorType itself, so a row's fault carries its type as the
// Kind of its *position.Error, for errors.Is and TypeOf.
func (t ErrorType) Error() string { return string(t) }

// TypeOf is the type of a quarantined row's fault; "" when err has none.
func TypeOf(err error) ErrorType {
	var t ErrorType
	errors.As(err, &t)
	return t
}

// rowErr is one fault in one row, printed compiler-style:
// events.xlsx:Events!D14: "twelve" is not a number (column attendees).
func rowErr(file, sheet string, row int, col, column, raw string, t ErrorType, err error) *position.Error {
	return &position.Error{File: file, Sheet: sheet, Line: row, Col: col, Column: column, Value: raw, Kind: t, Err: err}
}

// Reasons a whole file is refused. Nothing from a refused file is stored.
var (
	ErrEmptyFile   = errors.New("the file is empty (0 bytes); send the return again")
	ErrNotWorkbook = errors.New("this is not an Excel workbook (.xlsx)")
	ErrEncrypted   = errors.New("the workbook is password-protected (encrypted) or an old-style .xls file; open it in Excel, remove the password, save as .xlsx and send it again")
	ErrDamaged     = errors.New("the file is damaged or incomplete, so obs cannot read it; ask the area to open it, save it again and resend it")
	ErrTooLarge    = errors.New("the file is larger than obs accepts")
	ErrZipBomb     = errors.New("the workbook would unpack to far more data than it holds (a zip bomb); it is refused for safety")
	ErrParser      = errors.New("the file could not be read")
	ErrUnknownKind = errors.New("no sheet in this file is a kind of return obs knows")
	ErrNoHeader    = errors.New("no header row found")
	ErrNotThisKind = errors.New("most of its rows break the rules of the return its sheet names, so it is not a return of that kind, or not laid out as one")
)

// ErrRefused is the kind of every file refused whole: its *position.Error
// says which file and wraps the reason (ErrEncrypted, ErrZipBomb...).
var ErrRefused = errors.New("refused")

// refusal refuses a file whole: "events.xlsx: refused: reason. What to do."
func refusal(file string, reason error, hint string) *position.Error {
	err := fmt.Errorf("refused: %w", reason)
	if hint != "" {
		err = fmt.Errorf("refused: %w. %s", reason, hint)
	}
	return &position.Error{File: file, Kind: ErrRefused, Err: err}
}
