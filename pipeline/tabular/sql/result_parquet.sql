-- Writes a query's result to a Parquet file; filled in with fmt: the file,
-- then the rows in a row group.
COPY result TO %s (FORMAT parquet, COMPRESSION snappy, ROW_GROUP_SIZE %d)
