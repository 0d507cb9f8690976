-- What the figures are made from, one line a fact, in a fixed order.
SELECT line FROM (
    SELECT 1 AS part, load_id AS n, '' AS k,
           concat_ws(' ', 'load', load_id, sha256, coalesce(CAST(superseded_by AS VARCHAR), 'current'),
                     rows_loaded, rows_quarantined) AS line
    FROM loads
    UNION ALL
    SELECT 2, 0, key, concat_ws(' ', 'score', key, value) FROM score_settings
    UNION ALL
    SELECT 3, 0, key, concat_ws(' ', 'classify', key, value) FROM classify_settings
) ORDER BY part, n, k
