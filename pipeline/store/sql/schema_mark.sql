-- Returns the mark of the schema obs last made the database with (the comment on load_seq), if any.
SELECT comment FROM duckdb_sequences() WHERE sequence_name = 'load_seq' AND schema_name = 'main'
