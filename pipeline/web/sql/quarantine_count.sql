-- Returns how many quarantined rows are current (their load not wholly replaced), for area $1 or all ($1 = '').
SELECT count(*)
FROM quarantine WHERE ($1 = '' OR area_id = $1)
	AND load_id NOT IN (SELECT load_id FROM loads WHERE superseded_by IS NOT NULL)
