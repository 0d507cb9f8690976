package store

import _ "embed"

// The SQL the store runs, one statement a file in sql/ (those filled in with
// fmt say so in their header). Transaction control (BEGIN, COMMIT,
// ROLLBACK, CHECKPOINT) stays beside the code it frames.
var (
	//go:embed sql/load_sequence.sql
	loadSequenceSQL string
	//go:embed sql/schema_mark.sql
	schemaMarkSQL string
	//go:embed sql/schema_mark_set.sql
	schemaMarkSetSQL string
	//go:embed sql/reference_area.sql
	referenceAreaSQL string
	//go:embed sql/memory_limit.sql
	memoryLimitSQL string
	//go:embed sql/append.sql
	appendSQL string
	//go:embed sql/drop_view.sql
	dropViewSQL string
	//go:embed sql/attach_copy.sql
	attachCopySQL string
	//go:embed sql/scratch_path.sql
	scratchPathSQL string
)
