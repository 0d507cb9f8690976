-- The quarantined rows' problems, one line a problem, of the loads still
-- counting: $1 the one area ('' for all), $2 the one file ('' for all).
SELECT file, sheet, row, col, column_name, kind, area_id, error_type, message, raw
FROM quarantine q WHERE ($1 = '' OR area_id = $1 OR area_id IS NULL) AND ($2 = '' OR file = $2)
AND load_id NOT IN (SELECT load_id FROM loads WHERE superseded_by IS NOT NULL)
ORDER BY load_id, sheet, row, col
