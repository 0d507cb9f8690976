-- Writes a query's rows to one Parquet file; filled in with fmt: the query, then the file.
COPY (%s) TO %s (FORMAT parquet, COMPRESSION snappy)
