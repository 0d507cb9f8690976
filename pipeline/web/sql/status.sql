-- Returns per area and reporting year the kinds of return current and the kinds only superseded.
WITH periods AS (SELECT DISTINCT period FROM load_parts WHERE period IS NOT NULL AND kind <> 'areas'),
parts AS (SELECT area_id, period, kind, bool_or(superseded_by IS NULL) AS current FROM load_parts
          WHERE kind <> 'areas' AND period IS NOT NULL GROUP BY ALL)
SELECT a.area_id, coalesce(a.name, a.area_id), p.period, coalesce(list(pt.kind) FILTER (WHERE pt.current), []), coalesce(list(pt.kind) FILTER (WHERE NOT pt.current), [])
FROM areas a CROSS JOIN periods p
LEFT JOIN parts pt ON pt.area_id = a.area_id AND pt.period = p.period
GROUP BY ALL ORDER BY 2, 3
