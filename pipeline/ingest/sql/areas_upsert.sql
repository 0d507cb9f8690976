-- Adds the areas a file gave to the areas table, replacing those it already had.
INSERT OR REPLACE INTO areas BY NAME SELECT * FROM areas_incoming
