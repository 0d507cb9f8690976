package ingest

import (
	"errors"
	"fmt"
	"strings"
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
)

// RowError is one fault in one row, with its position, printed
// compiler-style: events.xlsx:Events!D14: "twelve" is not a number (column attendees).
type RowError struct {
	File, Sheet string
	Row         int
	Col         string // column letter; "" for the row as a whole
	Column      string // canonical column name
	Raw         string
	Type        ErrorType
	Err         error
}

func (e *RowError) Error() string {
	pos := fmt.Sprintf("%s:%s!%s%d", e.File, e.Sheet, e.Col, e.Row)
	if e.Column != "" {
		// "what; what to do" reads best with the column right after the what.
		what, todo, ok := strings.Cut(e.Err.Error(), "; ")
		if ok {
			return fmt.Sprintf("%s: %s (column %s); %s", pos, what, e.Column, todo)
		}
		return fmt.Sprintf("%s: %v (column %s)", pos, e.Err, e.Column)
	}
	return fmt.Sprintf("%s: %v", pos, e.Err)
}

func (e *RowError) Unwrap() error { return e.Err }

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
)

// FileError is a file refused whole.
type FileError struct {
	File string
	Err  error
	Hint string
}

func (e *FileError) Error() string {
	if e.Hint != "" {
		return fmt.Sprintf("%s: refused: %v. %s", e.File, e.Err, e.Hint)
	}
	return fmt.Sprintf("%s: refused: %v", e.File, e.Err)
}

func (e *FileError) Unwrap() error { return e.Err }
