-- Returns nothing: deletes every row of a table (the table's name filled in with fmt).
DELETE FROM %s
