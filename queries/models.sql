-- name: models
-- description: Each area's leadership model, year by year: the label (after any override), the memberships of the three models, and the evidence
-- param: area area null the area's id or name (default: every area)
-- param: period period null the reporting year, e.g. 2021-22 (default: every year)
--
-- Models: 1 partnership as executive, 2 dispersed working groups, 3 enabling.
-- Memberships run from 0 to 1; a hybrid is labelled when the top two are
-- within the margin, unclassified when none reaches 0.5.
SELECT a.name AS area, c.area_id,
       period_label(c.period) AS period,
       c.label,
       c.computed_label,
       c.override_label,
       c.override_by,
       c.override_rationale,
       round(c.m1, 2) AS m1_partnership_executive,
       round(c.m2, 2) AS m2_dispersed_groups,
       round(c.m3, 2) AS m3_enabling,
       round(c.margin, 2) AS margin,
       c.evidence
FROM classifications c
LEFT JOIN areas a ON a.area_id = c.area_id
WHERE ($area IS NULL OR c.area_id = $area)
  AND (CAST($period AS INTEGER) IS NULL OR c.period = CAST($period AS INTEGER))
ORDER BY a.name, c.period
