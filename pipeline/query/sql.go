package query

import _ "embed"

// The SQL the package runs itself, one file each in sql/ (those filled in
// with fmt say so in their header).
var (
	//go:embed sql/snapshot_settings.sql
	snapshotSettingsSQL string
	//go:embed sql/area_names.sql
	areaNamesSQL string
	//go:embed sql/scored_definitions.sql
	scoredDefinitionsSQL string
)
