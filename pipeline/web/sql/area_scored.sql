-- Returns how many scores area $1 has in period $2.
SELECT count(*) FROM scores WHERE area_id = $1 AND period = $2
