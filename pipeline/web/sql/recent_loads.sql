-- Returns the loads, newest first, $1 of them from the $2nd (counting from 0): id, file, kinds, when, rows loaded and quarantined, superseded by.
SELECT load_id, coalesce(file, ''), coalesce(kinds, ''), coalesce(loaded_at, ''),
coalesce(rows_loaded, 0), coalesce(rows_quarantined, 0), superseded_by FROM loads ORDER BY load_id DESC LIMIT $1 OFFSET $2
