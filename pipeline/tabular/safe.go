package tabular

// SafeCell makes a text value safe to put in a CSV or XLSX cell that a
// spreadsheet will open: a value starting with =, +, -, @, tab, carriage
// return or line feed could be run as a formula ("formula injection"), so it
// is prefixed with a single quote ('), which spreadsheets show as text.
// The value is otherwise unchanged. Only text goes through SafeCell: numbers
// are written as numbers, so -3 stays a number.
func SafeCell(s string) string {
	if s == "" {
		return s
	}
	switch s[0] {
	case '=', '+', '-', '@', '\t', '\r', '\n':
		return "'" + s
	}
	return s
}
