-- How the scores and the labels stand against the data, a row each: when
-- they were made ('' never), the data checksum they were made from ('' when
-- not recorded), how many loads were made after them (after the load they
-- record, or, before that was recorded, after they were made), and how many
-- rows they hold.
WITH made AS (
    SELECT 'scores' AS results,
           max(value) FILTER (WHERE key = 'run_at') AS run_at,
           max(value) FILTER (WHERE key = 'data_load') AS data_load,
           max(value) FILTER (WHERE key = 'data_checksum') AS data_checksum
    FROM score_settings
    UNION ALL
    SELECT 'labels',
           max(value) FILTER (WHERE key = 'run_at'),
           max(value) FILTER (WHERE key = 'data_load'),
           max(value) FILTER (WHERE key = 'data_checksum')
    FROM classify_settings
)
SELECT results, coalesce(run_at, ''), coalesce(data_checksum, ''),
       (SELECT count(*) FROM loads l
        WHERE CASE WHEN data_load IS NOT NULL THEN l.load_id > CAST(data_load AS BIGINT)
                   ELSE run_at IS NULL OR l.loaded_at > run_at END),
       CASE results WHEN 'scores' THEN (SELECT count(*) FROM scores)
                    ELSE (SELECT count(*) FROM classifications) END
FROM made ORDER BY results DESC
