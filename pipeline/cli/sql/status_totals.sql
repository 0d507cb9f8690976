-- The totals of every load: files, rows read, loaded, quarantined and blank,
-- and how many loads later returns wholly replaced. One line.
SELECT count(*), coalesce(sum(rows_read),0), coalesce(sum(rows_loaded),0),
  coalesce(sum(rows_quarantined),0), coalesce(sum(rows_blank),0), count(superseded_by) FROM loads
