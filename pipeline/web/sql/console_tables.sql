-- Returns each table and view the console can read, with its kind and its columns in order.
SELECT table_name, CASE WHEN table_type = 'VIEW' THEN 'view' ELSE 'table' END,
string_agg(column_name, ', ' ORDER BY ordinal_position)
FROM information_schema.columns JOIN information_schema.tables USING (table_catalog, table_schema, table_name)
WHERE table_schema = 'main' GROUP BY ALL ORDER BY 1
