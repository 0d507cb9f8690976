-- Makes the empty holding table the parts a re-check brought go into first.
CREATE TEMP TABLE IF NOT EXISTS recheck_parts AS SELECT * FROM load_parts LIMIT 0
