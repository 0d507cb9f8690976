-- Returns every part of every load (file, kind, area, period, sheet, rows), by area, kind and period.
SELECT p.load_id, l.file, l.sha256, p.kind, p.area_id, p.period, p.sheet, p.first_row, p.last_row, coalesce(p.rows, 0),
p.superseded_by, l.loaded_at
FROM load_parts p JOIN loads l USING (load_id) ORDER BY p.area_id, p.kind, p.period, p.load_id, p.sheet
