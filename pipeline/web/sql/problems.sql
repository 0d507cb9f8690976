-- Returns the current quarantined rows for area $1 or all ($1 = ''), as the problems download lists them.
SELECT file, sheet, row, col, column_name, kind, area_id, error_type, message, raw
FROM quarantine WHERE ($1 = '' OR area_id = $1)
AND load_id NOT IN (SELECT load_id FROM loads WHERE superseded_by IS NOT NULL)
ORDER BY load_id, sheet, row, col
