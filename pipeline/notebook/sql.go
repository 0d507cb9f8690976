package notebook

import _ "embed"

// The SQL the package runs itself, in sql/.
var (
	//go:embed sql/synthetic.sql
	syntheticSQL string
)
