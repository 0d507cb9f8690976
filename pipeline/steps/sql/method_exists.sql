-- Returns 1 when the database has the method's tables (a database made by an older obs gets them at its next write), else 0.
SELECT count(*) FROM duckdb_tables() WHERE table_name = 'method_versions'
