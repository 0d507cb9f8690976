-- The first load of a file with this content (given by its SHA-256), if any.
SELECT load_id FROM loads WHERE sha256 = ? ORDER BY load_id LIMIT 1
