-- Appends the rows of an Arrow view to a table, matching columns by name; filled in with fmt: the table, then the view.
INSERT INTO %s BY NAME SELECT * FROM %s
