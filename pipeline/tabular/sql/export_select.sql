-- Every row of a table with the dictionary's columns; filled in with fmt: the
-- columns, then the table (an ORDER BY may follow).
SELECT %s FROM %s
