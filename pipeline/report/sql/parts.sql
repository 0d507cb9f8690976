-- Returns every part of every load (file, kind, area, period, sheet, rows, and the current rows of earlier loads it replaced, with counts and why), by area, kind and period.
SELECT p.load_id, l.file, l.sha256, p.kind, p.area_id, p.period, p.sheet, p.first_row, p.last_row, coalesce(p.rows, 0),
p.superseded_by, l.loaded_at,
(SELECT string_agg('replaces ' || r.replaced_rows || CASE WHEN r.replaced_rows = 1 THEN ' row' ELSE ' rows' END
    || ' of load ' || r.replaced_load || ' with ' || r.rows
    || CASE r.reason WHEN 'chosen' THEN ' (replace was chosen)' ELSE ' (a corrected return: the same file name)' END,
    '; ' ORDER BY r.replaced_load)
  FROM replacements r WHERE r.load_id = p.load_id AND r.kind = p.kind AND r.area_id = p.area_id
    AND r.period IS NOT DISTINCT FROM p.period) AS replaces
FROM load_parts p JOIN loads l USING (load_id) ORDER BY p.area_id, p.kind, p.period, p.load_id, p.sheet
