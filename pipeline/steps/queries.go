package steps

import _ "embed"

// The SQL the steps run, one statement a file in sql/.
var (
	// stateSQL reads the last load, how many there are, when the last was
	// made, and when the scores and the labels were last made.
	//go:embed sql/state.sql
	stateSQL string
	// fingerprintSQL lists what the figures are made from, a line a fact.
	//go:embed sql/fingerprint.sql
	fingerprintSQL string
	// heldSQL counts the rows the current loads hold.
	//go:embed sql/held.sql
	heldSQL string
	// dataChecksumSQL lists the loads, a line each, for the data checksum.
	//go:embed sql/data_checksum.sql
	dataChecksumSQL string
	// stalenessSQL reads how the scores and labels stand against the data.
	//go:embed sql/staleness.sql
	stalenessSQL string
	// lastLoadSQL reads the newest load's number.
	//go:embed sql/last_load.sql
	lastLoadSQL string
	// loadCountSQL counts the loads.
	//go:embed sql/load_count.sql
	loadCountSQL string
	// templateAreasSQL lists the areas templates are made for.
	//go:embed sql/template_areas.sql
	templateAreasSQL string
	// auditInsertSQL records one change in the audit table.
	//go:embed sql/audit_insert.sql
	auditInsertSQL string
)
