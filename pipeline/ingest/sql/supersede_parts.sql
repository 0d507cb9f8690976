-- Marks as replaced by this load ($1) the parts (kind, area and period) of earlier loads whose rows it replaced,
-- as its replacements record them.
UPDATE load_parts o SET superseded_by = $1 FROM replacements r
WHERE r.load_id = $1 AND o.load_id = r.replaced_load AND o.kind = r.kind AND o.area_id = r.area_id
  AND o.period IS NOT DISTINCT FROM r.period AND o.superseded_by IS NULL
