-- Returns every key and value of a settings table (the table's name filled in with fmt).
SELECT key, value FROM %s
