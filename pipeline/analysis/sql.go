package analysis

import _ "embed"

// The SQL the analyses run themselves, one file each in sql/, each with a
// header line saying what it returns (those filled in with fmt say so).
// The evaluator's definitions, rubric and facts are in queries/.
var (
	//go:embed sql/applied_overrides.sql
	appliedOverridesSQL string
	//go:embed sql/approach_segments.sql
	approachSegmentsSQL string
	//go:embed sql/area_names.sql
	areaNamesSQL string
	//go:embed sql/clear_table.sql
	clearTableSQL string
	//go:embed sql/code_counts.sql
	codeCountsSQL string
	//go:embed sql/code_targets.sql
	codeTargetsSQL string
	//go:embed sql/intercoder_codings.sql
	intercoderCodingsSQL string
	//go:embed sql/model_codes.sql
	modelCodesSQL string
	//go:embed sql/periods.sql
	periodsSQL string
	//go:embed sql/project_themes.sql
	projectThemesSQL string
	//go:embed sql/returned_periods.sql
	returnedPeriodsSQL string
	//go:embed sql/settings.sql
	settingsSQL string
	//go:embed sql/area_periods.sql
	areaPeriodsSQL string
	//go:embed sql/returned_in.sql
	returnedInSQL string
)
