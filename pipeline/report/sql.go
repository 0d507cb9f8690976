package report

import _ "embed"

// The SQL Load runs, one file per table in sql/, each with a header line
// saying what it returns.
var (
	//go:embed sql/agreement.sql
	agreementSQL string
	//go:embed sql/approaches.sql
	approachesSQL string
	//go:embed sql/areas.sql
	areasSQL string
	//go:embed sql/classifications.sql
	classificationsSQL string
	//go:embed sql/code_agreement.sql
	codeAgreementSQL string
	//go:embed sql/classify_settings.sql
	classifySettingsSQL string
	//go:embed sql/definition_order.sql
	definitionOrderSQL string
	//go:embed sql/indicators.sql
	indicatorsSQL string
	//go:embed sql/label_stability.sql
	labelStabilitySQL string
	//go:embed sql/mappings.sql
	mappingsSQL string
	//go:embed sql/memberships.sql
	membershipsSQL string
	//go:embed sql/parts.sql
	partsSQL string
	//go:embed sql/quarantine.sql
	quarantineSQL string
	//go:embed sql/robust_pairs.sql
	robustPairsSQL string
	//go:embed sql/sensitivity.sql
	sensitivitySQL string
	//go:embed sql/score_settings.sql
	scoreSettingsSQL string
	//go:embed sql/scores.sql
	scoresSQL string
	//go:embed sql/segments.sql
	segmentsSQL string
	//go:embed sql/uncertainty.sql
	uncertaintySQL string
)
