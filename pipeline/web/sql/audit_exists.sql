-- Returns 1 when the database has the audit table (a database made by an older obs gets it at its next write), else 0.
SELECT count(*) FROM duckdb_tables() WHERE table_name = 'audit'
