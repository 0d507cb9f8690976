package query

import _ "embed"

// The SQL the sandbox runs itself, one file each in sql/ (those filled in
// with fmt say so in their header).
var (
	//go:embed sql/current_database.sql
	currentDatabaseSQL string
	//go:embed sql/snapshot_copy.sql
	snapshotCopySQL string
	//go:embed sql/snapshot_detach.sql
	snapshotDetachSQL string
	//go:embed sql/snapshot_settings.sql
	snapshotSettingsSQL string
)
