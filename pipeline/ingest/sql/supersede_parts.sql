-- Marks earlier current parts (kind, area and period) that this load ($1)
-- brings again as replaced by it; areas are never replaced this way.
UPDATE load_parts o SET superseded_by = $1
FROM load_parts p
WHERE p.load_id = $1 AND o.kind = p.kind AND o.area_id = p.area_id
  AND o.period IS NOT DISTINCT FROM p.period
  AND o.load_id <> $1 AND o.superseded_by IS NULL AND p.kind <> 'areas'
