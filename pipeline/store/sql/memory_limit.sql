-- Caps DuckDB's memory; filled in with fmt: the megabytes.
SET memory_limit = '%dMB'
