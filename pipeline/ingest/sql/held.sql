-- Returns the current rows of other loads (by area, period, load and its file) in the history table %[1]s
-- (filled in with fmt) where this load ($1) brings rows too: what adding to or replacing would touch.
SELECT h.area_id, h.period, h.load_id, l.file, count(*)
FROM %[1]s h JOIN loads l ON l.load_id = h.load_id
WHERE h.superseded_by IS NULL AND h.load_id <> $1
  AND EXISTS (SELECT 1 FROM %[1]s n WHERE n.load_id = $1 AND n.area_id = h.area_id AND n.period IS NOT DISTINCT FROM h.period)
GROUP BY h.area_id, h.period, h.load_id, l.file
ORDER BY h.area_id, h.period, h.load_id
