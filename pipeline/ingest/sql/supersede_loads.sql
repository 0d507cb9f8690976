-- Marks as replaced by this load ($1) the loads whose rows it replaced and that it left with no current part.
UPDATE loads SET superseded_by = $1
WHERE load_id IN (SELECT replaced_load FROM replacements WHERE load_id = $1)
  AND NOT EXISTS (SELECT 1 FROM load_parts q WHERE q.load_id = loads.load_id AND q.superseded_by IS NULL)
