-- Returns every quarantined row, by area, load, sheet, row and column.
SELECT load_id, file, sheet, "row", col, column_name, kind, area_id, error_type, message, raw FROM quarantine
ORDER BY area_id, load_id, sheet, "row", col
