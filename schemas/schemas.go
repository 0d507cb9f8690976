// Package schemas declares every table of the obs database once. The DuckDB
// DDL, the Arrow schemas and the header aliases the ingesters accept are all
// derived from the declarations in this package.
package schemas

import (
	"fmt"
	"strings"
	"unicode"
)

// Type is what a column holds, as the ingesters read it from a return.
type Type int

const (
	Text          Type = iota // free text, stored as written (trimmed)
	Enum                      // one of Column.Values, case and spacing ignored
	Count                     // non-negative whole number
	Number                    // non-negative decimal (hours, for instance)
	Money                     // non-negative amount in pounds; "£" and "," ignored
	Date                      // a day: Excel serial, ISO, UK day-first or "3 Apr 2021"
	Month                     // a month: any date form (stored as its first day) or "Apr 2021", "2021-04"
	Bool                      // yes/no, y/n, true/false, 1/0, x, ✓
	ReportingYear             // reporting year "2019-20" or "2019", stored as the start year (see Period)
	Area                      // area id or name; stored as the area id
	Person                    // a person's name; stored only as a keyed pseudonym
	Excerpt                   // free text in which known names are replaced by pseudonyms
	CodePath                  // a qualitative code as a path, "Leadership/Working groups" (\\ and > read as /)
)

// SQLType is the DuckDB type that stores values of t.
func (t Type) SQLType() string {
	switch t {
	case Count:
		return "BIGINT"
	case Number, Money:
		return "DOUBLE"
	case Date, Month:
		return "DATE"
	case Bool:
		return "BOOLEAN"
	case ReportingYear:
		return "INTEGER"
	default:
		return "VARCHAR"
	}
}

func (t Type) String() string {
	return [...]string{"text", "choice", "count", "number", "money", "date", "month",
		"yes/no", "period", "area", "person (pseudonymised)", "excerpt (names replaced)", "code path"}[t]
}

// Column is one column of a kind of return.
type Column struct {
	Name     string   // canonical name, also the stored column name
	Type     Type     //
	Required bool     // a row without it is quarantined (missing-cell)
	Values   []string // allowed values for Enum columns
	Aliases  []string // other headers that mean this column
	Doc      string   // one line for the data dictionary
	// PersonWhen makes a Text column personal data when another column of
	// the row has a value, as "recipient_type=individual": it is then
	// pseudonymised like a Person column.
	PersonWhen string
	// YesNo, for an Enum, is the value a return's yes (or 1, x, ticked)
	// stands for and the value its no (or 0) stands for, where areas answer
	// the column as a yes/no question.
	YesNo [2]string
}

// Kind is one kind of return and the table that stores its rows.
type Kind struct {
	Name       string   // kind name, e.g. "events"; current rows are in the view of this name
	Doc        string   // what one row is
	Sheets     []string // sheet names that say a sheet holds this kind
	Columns    []Column // the return's columns, without area and period
	HasPeriod  bool     // the return has its own period column
	PeriodFrom string   // else, the date column the period is taken from ("" if none)
	Reference  bool     // reference data (areas): one table keyed by area_id, no history
}

// System columns that every stored return row carries before its own columns.
var SystemColumns = []Column{
	{Name: "load_id", Type: Count, Doc: "the load (file) this row came from; see table loads"},
	{Name: "source_sheet", Type: Text, Doc: "sheet (or CSV file) the row came from"},
	{Name: "source_row", Type: Count, Doc: "row number in that sheet, as the spreadsheet numbers it"},
	{Name: "area_id", Type: Area, Doc: "the area the row belongs to"},
	{Name: "period", Type: ReportingYear, Doc: "reporting year, as the year it starts (2019 for 2019-20)"},
}

// SupersededColumn closes every stored return row.
var SupersededColumn = Column{Name: "superseded_by", Type: Count,
	Doc: "set when a later load replaced this row's area, period and kind; NULL for current rows"}

// HistoryTable is the table holding every row ever loaded for the kind; the
// view named k.Name holds the current rows only.
func (k *Kind) HistoryTable() string {
	if k.Reference {
		return k.Name
	}
	return k.Name + "_history"
}

// StoredColumns lists the stored table's columns in order.
func (k *Kind) StoredColumns() []Column {
	if k.Reference {
		return append(append([]Column{}, k.Columns...), Column{Name: "load_id", Type: Count, Doc: "the load that last set this area's figures (NULL for built-in areas)"})
	}
	cols := append([]Column{}, SystemColumns...)
	cols = append(cols, k.Columns...)
	return append(cols, SupersededColumn)
}

// Column returns the kind's column of that canonical name, or nil.
func (k *Kind) Column(name string) *Column {
	for i := range k.Columns {
		if k.Columns[i].Name == name {
			return &k.Columns[i]
		}
	}
	return nil
}

// DDL returns the statements creating the kind's history table and current view.
func (k *Kind) DDL() []string {
	table := createTable(k.HistoryTable(), k.StoredColumns(), k.Reference)
	if k.Reference {
		return []string{table}
	}
	view := fmt.Sprintf("CREATE OR REPLACE VIEW %s AS SELECT * EXCLUDE (superseded_by) FROM %s WHERE superseded_by IS NULL",
		k.Name, k.HistoryTable())
	return []string{table, view}
}

// Norm folds a header for matching: lower case, letters and digits only, and
// leading "no. of", "number of", "total" dropped.
func Norm(header string) string {
	var b strings.Builder
	for _, r := range strings.ToLower(header) {
		if unicode.IsLetter(r) || unicode.IsDigit(r) {
			b.WriteRune(r)
		}
	}
	s := b.String()
	for _, p := range []string{"numberof", "noof", "numof", "total", "nof"} {
		if strings.HasPrefix(s, p) && len(s) > len(p) {
			return s[len(p):]
		}
	}
	return s
}

// Aliases maps each folded header the kind accepts to its canonical column
// name, including "area" and "period".
func (k *Kind) Aliases() map[string]string {
	m := map[string]string{}
	add := func(canon string, names ...string) {
		for _, n := range names {
			m[Norm(n)] = canon
		}
	}
	if !k.Reference {
		add("area", "area", "area id", "area_id", "big local area", "area name")
	}
	if k.HasPeriod {
		add("period", "period", "year", "reporting year", "reporting period", "financial year")
	}
	for _, c := range k.Columns {
		add(c.Name, c.Name)
		add(c.Name, c.Aliases...)
	}
	return m
}

// Kinds lists every kind of return, in the order the contract gives them.
func Kinds() []*Kind { return kinds }

// KindByName returns the kind of that name, or nil.
func KindByName(name string) *Kind {
	for _, k := range kinds {
		if k.Name == name {
			return k
		}
	}
	return nil
}
