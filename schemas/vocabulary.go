package schemas

import (
	"strconv"
	"strings"
)

// ResidentDef is one answer to who counts as a resident. Every definition of
// resident-led that counts residents is scored under each.
type ResidentDef struct {
	ID          string // as the scores store it: R1, R2, R3
	Name        string // what people call it, short enough for a column head
	Description string // who counts, in full
}

// ResidentDefs are the three resident definitions, R1 first (the default).
var ResidentDefs = []ResidentDef{
	{"R1", "lives here", "lives in the area"},
	{"R2", "lives here, no other hat", "lives in the area and is not a councillor, not working for the council, an agency, the LTO or Big Local"},
	{"R3", "broad", "lives, works or volunteers in the area"},
}

// NoResidentDef is what the scores store for a definition that does not
// count residents.
const NoResidentDef = "-"

// ResidentDefIDs lists the resident definitions' ids: R1, R2, R3.
func ResidentDefIDs() []string {
	ids := make([]string, len(ResidentDefs))
	for i, r := range ResidentDefs {
		ids[i] = r.ID
	}
	return ids
}

// ResidentDefByID returns the resident definition of that id, or nil.
func ResidentDefByID(id string) *ResidentDef {
	for i := range ResidentDefs {
		if ResidentDefs[i].ID == id {
			return &ResidentDefs[i]
		}
	}
	return nil
}

// ResidentDefChoices reads "R1 (lives here), R2 (lives here, no other hat)
// or R3 (broad)", for messages that offer the choice.
func ResidentDefChoices() string {
	parts := make([]string, len(ResidentDefs))
	for i, r := range ResidentDefs {
		parts[i] = r.ID + " (" + r.Name + ")"
	}
	return orList(parts)
}

// Model is one of the three models of community leadership that the
// classification labels an area with (or a hybrid of two).
type Model struct {
	Number      int    // 1, 2 or 3: as the tables store it
	Name        string // what people call it
	Description string // what it looks like in an area
}

// Models are the three leadership models, in their numbers' order.
var Models = []Model{
	{1, "partnership as executive", "the Big Local partnership makes the decisions and runs the work itself"},
	{2, "dispersed working groups", "working groups with delegated power, many of their members not on the partnership, carry the work"},
	{3, "enabling", "the partnership enables others: small grants, capacity building and networks"},
}

// ModelName is the name of model m, or "model m" for a number that is none.
func ModelName(m int) string {
	if m >= 1 && m <= len(Models) {
		return Models[m-1].Name
	}
	return "model " + strconv.Itoa(m)
}

// ModelList reads "1 partnership as executive, 2 dispersed working groups,
// 3 enabling", with prefix before each number ("m" gives m1, m2, m3).
func ModelList(prefix string) string {
	parts := make([]string, len(Models))
	for i, m := range Models {
		parts[i] = prefix + strconv.Itoa(m.Number) + " " + m.Name
	}
	return strings.Join(parts, ", ")
}

// orList joins "a, b or c".
func orList(parts []string) string {
	if len(parts) < 2 {
		return strings.Join(parts, "")
	}
	return strings.Join(parts[:len(parts)-1], ", ") + " or " + parts[len(parts)-1]
}

// Factor is one of the uncertain choices behind the composite ranking,
// whose Sobol indices obs estimates (the sensitivity table's factor).
type Factor struct{ ID, Name string }

// Factors are the choices, in the order of the sensitivity design.
var Factors = []Factor{
	{"weights", "the weights"},
	{"normalisation", "the normalisation"},
	{"aggregation", "the aggregation"},
	{"resident_def", "the resident definition"},
}

// FactorName is a choice for people: "the resident definition".
func FactorName(id string) string {
	for _, f := range Factors {
		if f.ID == id {
			return f.Name
		}
	}
	return id
}
