-- name: model_evidence
-- description: The evidence behind an area's leadership model: each indicator of the rubric, its value, its anchors, the membership it earns and what it contributes
-- param: area area required the area's id or name, e.g. birchfield
-- param: period period null the reporting year, e.g. 2021-22 (default: every year)
-- param: model integer null one model only: 1, 2 or 3 (default: all three)
--
-- A value is calibrated to a membership between 0 and 1 with three anchors
-- (0.05 at full_non_membership, 0.5 at crossover, 0.95 at full_membership).
-- A model's membership is the sum of its indicators' contributions.
SELECT period_label(i.period) AS period,
       i.model,
       m.model_name,
       round(m.membership, 2) AS model_membership,
       i.indicator,
       i.label,
       i.value,
       i.full_non_membership,
       i.crossover,
       i.full_membership,
       round(i.membership, 2) AS membership,
       round(i.contribution, 3) AS contribution,
       i.missing_reason
FROM indicators i
LEFT JOIN memberships m
       ON m.area_id = i.area_id AND m.period = i.period AND m.model = i.model
WHERE i.area_id = $area
  AND (CAST($period AS INTEGER) IS NULL OR i.period = CAST($period AS INTEGER))
  AND (CAST($model AS BIGINT) IS NULL OR i.model = CAST($model AS BIGINT))
ORDER BY i.period, i.model, i.indicator
