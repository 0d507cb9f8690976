-- What the returns are, one line a load, in a fixed order: the checksum the
-- scores and labels record as the data they were made from. A load, a
-- replacement or a re-check changes it.
SELECT concat_ws(' ', 'load', load_id, sha256, coalesce(CAST(superseded_by AS VARCHAR), 'current'),
                 rows_loaded, rows_quarantined)
FROM loads ORDER BY load_id
