package web

import _ "embed"

// The SQL the pages run, one file each in sql/, each with a header line
// saying what it returns. Only the server's own SQL: an evaluator's runs in
// the console's sandbox (query.Sandbox).
var (
	//go:embed sql/area.sql
	areaSQL string
	//go:embed sql/ranked_areas.sql
	rankedAreasSQL string
	//go:embed sql/reversals.sql
	reversalsSQL string
	//go:embed sql/sensitivity_all.sql
	sensitivityAllSQL string
	//go:embed sql/audit.sql
	auditSQL string
	//go:embed sql/audit_count.sql
	auditCountSQL string
	//go:embed sql/loads_count.sql
	loadsCountSQL string
	//go:embed sql/audit_exists.sql
	auditExistsSQL string
	//go:embed sql/area_coverage.sql
	areaCoverageSQL string
	//go:embed sql/area_defs.sql
	areaDefsSQL string
	//go:embed sql/area_model.sql
	areaModelSQL string
	//go:embed sql/area_quarantined.sql
	areaQuarantinedSQL string
	//go:embed sql/area_scored.sql
	areaScoredSQL string
	//go:embed sql/area_uncertainty.sql
	areaUncertaintySQL string
	//go:embed sql/areas.sql
	areasSQL string
	//go:embed sql/console_example.sql
	consoleExampleSQL string
	//go:embed sql/console_tables.sql
	consoleTablesSQL string
	//go:embed sql/definitions.sql
	definitionsSQL string
	//go:embed sql/latest_scored.sql
	latestScoredSQL string
	//go:embed sql/overview.sql
	overviewSQL string
	//go:embed sql/periods.sql
	periodsSQL string
	//go:embed sql/problems.sql
	problemsSQL string
	//go:embed sql/recent_loads.sql
	recentLoadsSQL string
	//go:embed sql/scores.sql
	scoresSQL string
	//go:embed sql/status.sql
	statusSQL string
	//go:embed sql/synthetic.sql
	syntheticSQL string
	//go:embed sql/quarantine_count.sql
	quarantineCountSQL string
	//go:embed sql/quarantine_rows.sql
	quarantineRowsSQL string
)
