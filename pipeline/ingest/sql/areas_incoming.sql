-- Makes the empty holding table the areas a file gives go into first.
CREATE TEMP TABLE IF NOT EXISTS areas_incoming AS SELECT * FROM areas LIMIT 0
