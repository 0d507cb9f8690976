-- name: missing_returns
-- description: Which kinds of return each area lacks in each reporting year (current returns only)
-- param: area area null the area's id or name (default: every area)
-- param: period period null the reporting year, e.g. 2021-22 (default: every year any return covers)
--
-- Years are those any return covers; areas are the built-in fifteen and any
-- other area that has sent a return. A kind counts as present when a current
-- (not superseded) return of that kind covers the area and year.
WITH kinds(kind_order, kind) AS (
    VALUES (1, 'lto'), (2, 'partnership'), (3, 'events'), (4, 'consultations'),
           (5, 'volunteering'), (6, 'social_media'), (7, 'projects'), (8, 'working_groups'),
           (9, 'decisions'), (10, 'grants'), (11, 'support'), (12, 'interview_codes')
),
present AS (
    SELECT DISTINCT area_id, period, kind
    FROM load_parts
    WHERE superseded_by IS NULL AND period IS NOT NULL
),
years AS (
    SELECT DISTINCT period FROM present
    WHERE CAST($period AS INTEGER) IS NULL OR period = CAST($period AS INTEGER)
),
places AS (
    SELECT area_id, name FROM areas
    WHERE (load_id IS NULL OR area_id IN (SELECT area_id FROM present))
      AND ($area IS NULL OR area_id = $area)
),
grid AS (
    SELECT pl.area_id, pl.name, y.period, k.kind_order, k.kind, x.kind IS NOT NULL AS here
    FROM places pl
    CROSS JOIN years y
    CROSS JOIN kinds k
    LEFT JOIN present x ON x.area_id = pl.area_id AND x.period = y.period AND x.kind = k.kind
)
SELECT name AS area, area_id,
       period_label(period) AS period,
       count(*) FILTER (WHERE here) AS present,
       count(*) FILTER (WHERE NOT here) AS missing,
       coalesce(string_agg(kind, ', ' ORDER BY kind_order) FILTER (WHERE NOT here), '') AS missing_kinds
FROM grid
GROUP BY name, area_id, period
ORDER BY name, period
