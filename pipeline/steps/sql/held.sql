-- Rows the current (not superseded) loads hold: loaded, quarantined.
SELECT coalesce(sum(rows_loaded), 0), coalesce(sum(rows_quarantined), 0)
FROM loads WHERE superseded_by IS NULL
