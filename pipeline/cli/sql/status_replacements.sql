-- Returns every replacement of current rows (the load and its file, kind, area and its name, period, the
-- earlier load and its file, rows replaced, rows brought, why), of area $1 or of all when $1 is ''.
SELECT r.load_id, nl.file, r.kind, r.area_id, coalesce(a.name, r.area_id), r.period,
  r.replaced_load, ol.file, r.replaced_rows, r.rows, r.reason
FROM replacements r JOIN loads nl ON nl.load_id = r.load_id JOIN loads ol ON ol.load_id = r.replaced_load
LEFT JOIN areas a ON a.area_id = r.area_id
WHERE $1 = '' OR r.area_id = $1
ORDER BY r.load_id, r.kind, r.area_id, r.period, r.replaced_load
