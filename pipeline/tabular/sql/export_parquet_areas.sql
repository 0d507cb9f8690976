-- Writes a query's rows to Parquet, one folder an area; filled in with fmt:
-- the query, then the folder.
COPY (%s) TO %s (FORMAT parquet, COMPRESSION snappy, PARTITION_BY (area_id), FILENAME_PATTERN 'data', OVERWRITE_OR_IGNORE)
