package schemas

import (
	"strings"
	"time"
)

// What obs says of a value a column cannot take. Ingest's messages put the
// value before these words; the templates obs sends to areas show them in
// the spreadsheet's own error box, so an area reads the same words whether
// the spreadsheet stops a mistake or obs quarantines it.
const (
	SayDigits       = "write digits such as 12 or 1,234"
	SayWhole        = "counts are whole numbers such as 12"
	SayCountBelow0  = "a count cannot be below 0"
	SayCountLarge   = "implausibly large for a count"
	SayAmountBelow0 = "it cannot be below 0"
	SayDate         = "write it day first as 03/04/2021, as 2021-04-03 or as 3 Apr 2021"
	SayMonth        = "write it as Apr 2021 or as any date in the month"
	SayYesNo        = "write yes or no"
	SayBlank        = "leave it blank if not known"
	SayPartWhole    = "a part cannot be more than the whole"
)

// MaxCount is the largest count obs reads; a larger one is a slip of the
// keyboard.
const MaxCount = 1e15

// Check says what a spreadsheet's own validation can hold a column's cells
// to, for one reporting year. Ingest reads every cell against the same
// declaration (the column's type, its values, MaxCount, the period), so
// whatever such a check lets through obs reads as it was typed.
type Check struct {
	Kind     CheckKind
	Words    []string  // List: the words offered
	Min, Max float64   // Whole, Decimal: the bounds (Max 0: none above)
	From, To time.Time // Day: the first and last day allowed (zero: any day)
	AtMost   string    // Whole: the column of the same row it may not exceed, when that has a value
	Asks     string    // what to type, shown when a cell is chosen
	Says     string    // what obs says of a value that breaks it
}

// CheckKind is the kind of a Check, as spreadsheets name them.
type CheckKind int

const (
	AnyValue CheckKind = iota // free text: no check, only the column's meaning
	List                      // one of Words
	Whole                     // a whole number from Min to Max
	Decimal                   // a number from Min (to Max when set)
	Day                       // a date from From to To
)

// Check is the check on the cells of c, one of k's columns, in a return
// for period p: the date a row's period is taken from (PeriodFrom) must
// fall in p; any other date may fall in any year.
func (k *Kind) Check(c *Column, p Period) Check {
	if c.Name != k.PeriodFrom {
		p = 0
	}
	ch := c.Check(p)
	if w := k.WholeOf(c); w != "" {
		ch.AtMost = w
		ch.Asks = strings.TrimSuffix(ch.Asks, ".") + ", not more than " + w + "."
		ch.Says += " And " + SayPartWhole + " (" + w + ")."
	}
	return ch
}

// partPrefixes begin the name of a count of part of another count.
var partPrefixes = []string{"resident_", "new_", "non_partnership_"}

// WholeOf is the count of kind k that c counts a part of (attendees for
// resident_attendees and new_attendees, members for
// non_partnership_members), "" when c is no part of another: a part cannot
// be more than its whole.
func (k *Kind) WholeOf(c *Column) string {
	if c.Type != Count {
		return ""
	}
	for _, p := range partPrefixes {
		if w, ok := strings.CutPrefix(c.Name, p); ok && k.Column(w) != nil && k.Column(w).Type == Count {
			return w
		}
	}
	return ""
}

// Check is the check on c's cells, with dates inside period p (0: any
// date).
func (c *Column) Check(p Period) Check {
	switch c.Type {
	case Enum:
		w := strings.Join(c.Words(), ", ")
		return Check{Kind: List, Words: c.Words(), Asks: "Choose one: " + w + ".", Says: "Not one of the allowed values (" + w + ")."}
	case Bool:
		return Check{Kind: List, Words: c.Words(), Asks: "Choose yes or no.", Says: "Not yes or no: " + SayYesNo + ", or " + SayBlank + "."}
	case Count:
		return Check{Kind: Whole, Max: MaxCount, Asks: "A whole number, 0 or more.",
			Says: "Not a count: " + SayDigits + "; " + SayWhole + ", " + SayCountBelow0 + ", and more than a thousand million million is " + SayCountLarge + "."}
	case Number, Money:
		asks := "A number, 0 or more."
		if c.Type == Money {
			asks = "An amount in pounds, 0 or more."
		}
		return Check{Kind: Decimal, Asks: asks,
			Says: "Not a number, or below 0: " + SayDigits + ", or " + SayBlank + "; " + SayAmountBelow0 + "."}
	case Date, Month:
		ch := Check{Kind: Day, Asks: "A date, day first: 03/04/2021.", Says: "Not a date: " + SayDate + "."}
		if c.Type == Month {
			ch.Asks, ch.Says = "The month: any date in it, or Apr 2021.", "Not a month: "+SayMonth+"."
		}
		if p != 0 {
			ch.From, ch.To = p.First(), p.Last()
			ch.Asks += " From " + p.First().Format("2 January 2006") + " to " + p.Last().Format("2 January 2006") + "."
			ch.Says = "N" + p.NotIn()[1:] + ", or " + strings.ToLower(ch.Says[:1]) + ch.Says[1:]
		}
		return ch
	case Person:
		return Check{Kind: AnyValue, Asks: "A name; obs keeps only a pseudonym of it, never the name."}
	}
	return Check{Kind: AnyValue, Asks: "Text."}
}

// Words are the words people use for c's values: an Enum's values written
// with spaces for underscores (working group for working_group), yes and no
// for a Bool, nil otherwise. Ingest reads each as the value it stands for.
func (c *Column) Words() []string {
	switch c.Type {
	case Bool:
		return []string{"yes", "no"}
	case Enum:
		return WordsOf(c.Values)
	}
	return nil
}

// WordsOf writes values as people write them: spaces for underscores.
func WordsOf(values []string) []string {
	out := make([]string, len(values))
	for i, v := range values {
		out[i] = strings.ReplaceAll(v, "_", " ")
	}
	return out
}

// First is the first day of p, 1 April.
func (p Period) First() time.Time { return time.Date(int(p), time.April, 1, 0, 0, 0, 0, time.UTC) }

// Last is the last day of p, 31 March.
func (p Period) Last() time.Time { return time.Date(int(p)+1, time.March, 31, 0, 0, 0, 0, time.UTC) }

// NotIn says a date falls outside p: "not in the reporting year 2021-22
// (April 2021 to March 2022)".
func (p Period) NotIn() string {
	return "not in the reporting year " + p.String() + " (" + p.Span() + ")"
}

// Span writes p's months: April 2021 to March 2022.
func (p Period) Span() string {
	return p.First().Format("January 2006") + " to " + p.Last().Format("January 2006")
}

// AreaKinds are the kinds of return an area fills in: every kind but the
// reference data (areas) and the coded segments of interviews, which the
// evaluators make in their qualitative software.
func AreaKinds() []*Kind {
	var out []*Kind
	for _, k := range kinds {
		if !k.Reference && k.Name != "interview_codes" {
			out = append(out, k)
		}
	}
	return out
}
