-- The state of the data: the last load, when it was made, and when the
-- scores and the labels were last made (times are RFC 3339 in UTC), and with
-- which saved version of the method ('' when with none).
SELECT (SELECT coalesce(max(load_id), 0) FROM loads),
       (SELECT count(*) FROM loads),
       (SELECT coalesce(max(loaded_at), '') FROM loads),
       (SELECT coalesce(max(value), '') FROM score_settings WHERE key = 'run_at'),
       (SELECT coalesce(max(value), '') FROM classify_settings WHERE key = 'run_at'),
       (SELECT coalesce(max(value), '') FROM score_settings WHERE key = 'method'),
       (SELECT coalesce(max(value), '') FROM classify_settings WHERE key = 'method')
