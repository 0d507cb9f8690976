-- name: model_changes
-- description: Which areas changed leadership model from one year to the next, and how the memberships moved
-- param: area area null the area's id or name (default: every area)
-- param: include_unchanged bool no yes to list every pair of consecutive years, changed or not
--
-- Compares each year with the area's previous year that has a
-- classification. Labels are after any override.
WITH c AS (
    SELECT area_id, period, label, m1, m2, m3,
           lag(period) OVER w AS prev_period,
           lag(label) OVER w AS prev_label,
           lag(m1) OVER w AS prev_m1,
           lag(m2) OVER w AS prev_m2,
           lag(m3) OVER w AS prev_m3
    FROM classifications
    WHERE $area IS NULL OR area_id = $area
    WINDOW w AS (PARTITION BY area_id ORDER BY period)
)
SELECT a.name AS area, c.area_id,
       period_label(c.prev_period) AS from_period,
       c.prev_label AS from_label,
       period_label(c.period) AS to_period,
       c.label AS to_label,
       c.label IS DISTINCT FROM c.prev_label AS changed,
       round(c.m1 - c.prev_m1, 2) AS change_m1,
       round(c.m2 - c.prev_m2, 2) AS change_m2,
       round(c.m3 - c.prev_m3, 2) AS change_m3
FROM c
LEFT JOIN areas a ON a.area_id = c.area_id
WHERE c.prev_period IS NOT NULL
  AND (CAST($include_unchanged AS BOOLEAN) OR c.label IS DISTINCT FROM c.prev_label)
ORDER BY a.name, c.period
