-- name: rank_by_resident_def
-- description: How each area's rank moves with who counts as a resident: its rank on each definition under R1, R2 and R3, and the largest move
-- param: definition definition null one definition only (default: every definition that depends on the resident definition)
-- param: area area null the area's id or name (default: every area)
-- param: period period null the reporting year, e.g. 2021-22 (default: the latest with scores)
WITH chosen AS (
    SELECT coalesce(CAST($period AS INTEGER), (SELECT max(period) FROM scores)) AS period
),
s AS (
    SELECT s.* FROM scores s, chosen c
    WHERE s.period = c.period
      AND s.resident_def IN ('R1', 'R2', 'R3')
      AND ($definition IS NULL OR s.definition = lower($definition))
      AND ($area IS NULL OR s.area_id = $area)
)
SELECT a.name AS area, s.area_id,
       period_label(s.period) AS period,
       any_value(s.label) AS definition,
       max(s.rank) FILTER (WHERE s.resident_def = 'R1') AS rank_r1,
       max(s.rank) FILTER (WHERE s.resident_def = 'R2') AS rank_r2,
       max(s.rank) FILTER (WHERE s.resident_def = 'R3') AS rank_r3,
       max(s.rank) - min(s.rank) AS largest_move,
       max(s.value) FILTER (WHERE s.resident_def = 'R1') AS value_r1,
       max(s.value) FILTER (WHERE s.resident_def = 'R2') AS value_r2,
       max(s.value) FILTER (WHERE s.resident_def = 'R3') AS value_r3,
       any_value(s.unit) AS unit,
       max(s.n_areas) AS out_of
FROM s
LEFT JOIN areas a ON a.area_id = s.area_id
GROUP BY a.name, s.area_id, s.period, s.definition
ORDER BY s.definition, largest_move DESC NULLS LAST, a.name
