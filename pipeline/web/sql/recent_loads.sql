-- Returns the 50 latest loads: id, file, kinds, when, rows loaded and quarantined, superseded by.
SELECT load_id, coalesce(file, ''), coalesce(kinds, ''), coalesce(loaded_at, ''),
coalesce(rows_loaded, 0), coalesce(rows_quarantined, 0), superseded_by FROM loads ORDER BY load_id DESC LIMIT 50
