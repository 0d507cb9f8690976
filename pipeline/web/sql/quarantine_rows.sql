-- Returns the current quarantined rows for area $1 or all ($1 = ''), newest load first, $2 of them from the $3rd (counting from 0): file, sheet!cell, error type, message, column, kind, area.
SELECT coalesce(file, ''), coalesce(sheet, '') || '!' || coalesce(col, '') || coalesce(row::VARCHAR, ''),
	coalesce(error_type, ''), coalesce(message, ''), coalesce(column_name, ''), coalesce(kind, ''), coalesce(area_id, '')
FROM quarantine WHERE ($1 = '' OR area_id = $1)
	AND load_id NOT IN (SELECT load_id FROM loads WHERE superseded_by IS NOT NULL)
ORDER BY load_id DESC, sheet, row, col, quarantine_id LIMIT $2 OFFSET $3
