-- Marks earlier current rows of the same kind, area and period as replaced by
-- this load ($1; $2 the kind). Filled in with fmt: the kind's history table.
UPDATE %s h SET superseded_by = $1
FROM load_parts p
WHERE p.load_id = $1 AND p.kind = $2 AND h.area_id = p.area_id
  AND h.period IS NOT DISTINCT FROM p.period
  AND h.superseded_by IS NULL AND h.load_id <> $1
