// Package analysis owns the evaluation's analyses: the definitions of
// "resident-led" (SQL files under queries/definitions) scored for every area,
// period and resident definition, normalised, combined into the composite
// "all", compared (Kendall's tau) and ranked under uncertainty (a seeded Monte
// Carlo); and the classification of areas into the three leadership models
// (a rubric calibrated with Ragin's direct method), with approaches, focus
// and the interview codes behind them. Results go to the result tables of
// schemas/results.go, replaced in one transaction with the settings that
// produced them.
package analysis

import (
	"io/fs"

	"github.com/ourbiggerstory/obs/queries"
)

// BuiltinDefinitions is the folder of built-in definitions (queries/definitions).
func BuiltinDefinitions() fs.FS {
	sub, err := fs.Sub(queries.Definitions, "definitions")
	if err != nil {
		panic(err)
	}
	return sub
}

// BuiltinDefaults is the folder of default files (queries/defaults).
func BuiltinDefaults() fs.FS {
	sub, err := fs.Sub(queries.Defaults, "defaults")
	if err != nil {
		panic(err)
	}
	return sub
}
