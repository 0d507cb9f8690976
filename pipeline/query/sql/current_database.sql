-- Returns the name of the database the connection is on: one row, one column.
SELECT current_database()
