package qca

import _ "embed"

// The SQL of storing results, one statement a file in sql/.
var (
	//go:embed sql/delete_analysis.sql
	deleteAnalysisSQL string
)
