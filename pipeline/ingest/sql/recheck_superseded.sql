-- Rows a re-check loaded into a part already replaced by a later load are
-- replaced too. The UPDATE names the kind's history table; $1 is the load, $2 the kind.
UPDATE %s h SET superseded_by = p.superseded_by
FROM load_parts p
WHERE h.load_id = $1 AND p.load_id = $1 AND p.kind = $2 AND h.area_id = p.area_id
  AND h.period IS NOT DISTINCT FROM p.period
  AND h.superseded_by IS NULL AND p.superseded_by IS NOT NULL
