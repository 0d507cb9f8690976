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
	// overridesAppliedSQL lists the overrides the stored labels carry.
	//go:embed sql/overrides_applied.sql
	overridesAppliedSQL string
)

// The saved versions of the method (method.go).
var (
	// methodListSQL lists the saved versions, newest first.
	//go:embed sql/method_list.sql
	methodListSQL string
	// methodFilesSQL lists the files of every version, or of one.
	//go:embed sql/method_files.sql
	methodFilesSQL string
	// methodInsertSQL saves a version, numbered after the last.
	//go:embed sql/method_insert.sql
	methodInsertSQL string
	// methodFileInsertSQL saves one file of a version.
	//go:embed sql/method_file_insert.sql
	methodFileInsertSQL string
	// methodExistsSQL says whether the database has the method's tables.
	//go:embed sql/method_exists.sql
	methodExistsSQL string
)
