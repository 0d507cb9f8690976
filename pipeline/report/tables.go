package report

import "database/sql"

// Area is one row of the areas table.
type Area struct {
	ID, Name, LocalAuthority, Region string
	Population, Households           sql.NullInt64
	Synthetic                        bool
}

// Score is one row of the scores table.
type Score struct {
	Area        string
	Period      int
	Definition  string
	Label       string
	ResidentDef string
	Value       sql.NullFloat64
	Unit        string
	Direction   string
	Base        sql.NullFloat64
	BaseLabel   string
	Missing     string
	Note        string
	MinMax      sql.NullFloat64
	Z           sql.NullFloat64
	Rank        sql.NullInt64
	Percentile  sql.NullFloat64
	NAreas      sql.NullInt64
	Coverage    sql.NullFloat64
	Covered     string
	Goalposts   sql.NullFloat64 // on fixed bounds, comparable over time
}

// Agreement is one row of the agreement table.
type Agreement struct {
	Period      int
	ResidentDef string
	A, B        string
	Tau         sql.NullFloat64
	N           int64
}

// Uncertainty is one row of the uncertainty table.
type Uncertainty struct {
	Area             string
	Period           int
	Rank             sql.NullInt64
	Median, P05, P95 sql.NullFloat64
	Draws            int64
	Ranked           bool
	NAreas           int64
}

// Indicator is one row of the indicators table.
type Indicator struct {
	Area                       string
	Period, Model              int
	Indicator, Label           string
	Value                      sql.NullFloat64
	NonMember, Cross, FullMemb sql.NullFloat64
	Membership, Contribution   sql.NullFloat64
	Missing                    string
}

// Membership is one row of the memberships table.
type Membership struct {
	Area          string
	Period, Model int
	ModelName     string
	Membership    sql.NullFloat64
	Indicators    int64
	Codes         int64
}

// Classification is one row of the classifications table.
type Classification struct {
	Area                         string
	Period                       int
	Computed, Label              string
	OverrideLabel, Rationale, By string
	M1, M2, M3                   sql.NullFloat64
	TopModel                     sql.NullInt64
	Margin                       sql.NullFloat64
	Evidence                     string
}

// Approach is one row of the approaches table.
type Approach struct {
	Area            string
	Period          int
	TagType, Tag    string
	Codes, Projects int64
	Evidence        string
}

// Segment is one current coded interview segment (names already pseudonymised).
type Segment struct {
	Area               string
	Period             sql.NullInt64
	Source, SourceType string
	Participant, Role  string
	Code, Excerpt      string
	LoadID             int64
	Sheet              string
	Row                int64
}

// Mapping is one row of code_mapping.
type Mapping struct {
	Code, TargetType, Target, Pattern string
	Segments                          int64
}

// Part is what one load brought for one kind, area and period, with its file.
type Part struct {
	LoadID            int64
	File, SHA256      string
	Kind              string
	Area              string
	Period            sql.NullInt64
	Sheet             string
	FirstRow, LastRow sql.NullInt64
	Rows              int64
	SupersededBy      sql.NullInt64
	LoadedAt          string
	Replaces          string // the current rows of earlier loads it replaced, with counts and why
}

// Quarantined is one quarantined row.
type Quarantined struct {
	LoadID                  int64
	File, Sheet             string
	Row                     sql.NullInt64
	Col, Column, Kind, Area string
	ErrorType, Message, Raw string
}

// Setting is one key/value of score_settings or classify_settings.
type Setting struct{ Key, Value string }
