package report

import (
	"database/sql"
	"strconv"

	"github.com/ourbiggerstory/obs/schemas"
)

// Rank writes "3 of 15"; "—" when there is no rank.
func Rank(rank, of sql.NullInt64) string {
	if !rank.Valid {
		return "—"
	}
	if !of.Valid || of.Int64 == 0 {
		return strconv.FormatInt(rank.Int64, 10)
	}
	return strconv.FormatInt(rank.Int64, 10) + " of " + strconv.FormatInt(of.Int64, 10)
}

func nf(f float64) sql.NullFloat64 { return sql.NullFloat64{Float64: f, Valid: true} }

// ModelName is "1 · partnership as executive".
func ModelName(m int) string {
	if m >= 1 && m <= len(schemas.Models) {
		return strconv.Itoa(m) + " · " + schemas.ModelName(m)
	}
	return schemas.ModelName(m)
}

// ResidentName is "R1 lives here".
func ResidentName(r string) string {
	if d := schemas.ResidentDefByID(r); d != nil {
		return r + " " + d.Name
	}
	if r == schemas.NoResidentDef || r == "" {
		return "—"
	}
	return r
}
