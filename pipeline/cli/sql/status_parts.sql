-- The parts loaded, one line an area, period and kind: how many are current
-- and how many replaced. $1 is the one area to show, or '' for all.
SELECT p.area_id, p.period, p.kind, count(*) FILTER (WHERE p.superseded_by IS NULL), count(*) FILTER (WHERE p.superseded_by IS NOT NULL)
FROM load_parts p WHERE p.kind <> 'areas' AND p.period IS NOT NULL AND ($1 = '' OR p.area_id = $1)
GROUP BY ALL ORDER BY 1, 2
