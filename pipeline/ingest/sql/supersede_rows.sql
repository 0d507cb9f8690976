-- Marks as replaced by this load ($1) the current rows of load $2 for area $3 and period $4 in the history
-- table of the kind (its name filled in with fmt).
UPDATE %s SET superseded_by = $1
WHERE load_id = $2 AND area_id = $3 AND period IS NOT DISTINCT FROM $4 AND superseded_by IS NULL
