package cli

import _ "embed"

// The SQL of 'obs status' and 'obs problems', one statement a file in sql/.
var (
	//go:embed sql/status_totals.sql
	statusTotalsSQL string
	//go:embed sql/status_synthetic.sql
	statusSyntheticSQL string
	//go:embed sql/status_parts.sql
	statusPartsSQL string
	//go:embed sql/status_areas.sql
	statusAreasSQL string
	//go:embed sql/status_replacements.sql
	statusReplacementsSQL string
	//go:embed sql/problems.sql
	problemsSQL string
)
