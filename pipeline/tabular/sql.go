package tabular

import _ "embed"

// The SQL of exporting tables and query results, one statement a file in
// sql/ (each filled in with fmt, as its header says).
var (
	//go:embed sql/export_select.sql
	exportSelectSQL string
	//go:embed sql/export_parquet.sql
	exportParquetSQL string
	//go:embed sql/export_parquet_areas.sql
	exportParquetAreasSQL string
	//go:embed sql/result_parquet.sql
	resultParquetSQL string
)
