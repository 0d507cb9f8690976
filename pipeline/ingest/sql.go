package ingest

import _ "embed"

// The SQL of loading and re-checking a file, one statement a file in sql/
// (those filled in with fmt say so in their header). The re-check's queries
// of quarantined rows are named in recheck.go.
var (
	//go:embed sql/areas_names.sql
	areasNamesSQL string
	//go:embed sql/load_by_checksum.sql
	loadByChecksumSQL string
	//go:embed sql/areas_incoming.sql
	areasIncomingSQL string
	//go:embed sql/areas_upsert.sql
	areasUpsertSQL string
	//go:embed sql/areas_incoming_clear.sql
	areasIncomingClearSQL string
	//go:embed sql/load_record.sql
	loadRecordSQL string
	//go:embed sql/supersede_rows.sql
	supersedeRowsSQL string
	//go:embed sql/supersede_parts.sql
	supersedePartsSQL string
	//go:embed sql/supersede_loads.sql
	supersedeLoadsSQL string
	//go:embed sql/held.sql
	heldSQL string
	//go:embed sql/duplicates_find.sql
	duplicatesFindSQL string
	//go:embed sql/duplicates_drop.sql
	duplicatesDropSQL string
	//go:embed sql/load_kinds.sql
	loadKindsSQL string
	//go:embed sql/next_load.sql
	nextLoadSQL string
	//go:embed sql/recheck_parts_table.sql
	recheckPartsTableSQL string
	//go:embed sql/recheck_record.sql
	recheckRecordSQL string
	//go:embed sql/quarantine_row_clear.sql
	quarantineRowClearSQL string
	//go:embed sql/load_file.sql
	loadFileSQL string
)
