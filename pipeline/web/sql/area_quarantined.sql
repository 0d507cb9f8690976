-- Returns how many current quarantined rows (load not wholly replaced) area $1 has.
SELECT count(*) FROM quarantine WHERE area_id = $1
AND load_id NOT IN (SELECT load_id FROM loads WHERE superseded_by IS NOT NULL)
