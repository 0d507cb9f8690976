-- The newest load's number, 0 when nothing is loaded. One line.
SELECT coalesce(max(load_id), 0) FROM loads
