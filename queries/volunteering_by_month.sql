-- name: volunteering_by_month
-- description: Volunteering month by month in each area: volunteers, how many live in the area, how many are new, how many sit on the partnership, and the hours they gave
-- param: area area null the area's id or name (default: every area)
-- param: period period null the reporting year, e.g. 2021-22 (default: every year)
--
-- Volunteers are counted by pseudonym; a totals row (no volunteer named)
-- adds its volunteer count. new_volunteers are named volunteers seen for the
-- first time in the area that month. on_partnership are named volunteers
-- who are partnership members in the same area and year. A figure the
-- return cannot give (residence not recorded; no volunteer named, only
-- totals) is empty, not 0.
WITH v AS (
    SELECT *,
           volunteer IS NOT NULL AND volunteer <> '' AS named
    FROM volunteering
    WHERE ($area IS NULL OR area_id = $area)
),
firsts AS (
    SELECT area_id, volunteer, min(month) AS first_month
    FROM v WHERE named
    GROUP BY area_id, volunteer
),
members AS (
    SELECT DISTINCT area_id, period, member FROM partnership
)
SELECT a.name AS area, v.area_id,
       strftime(v.month, '%Y-%m') AS month,
       period_label(v.period) AS period,
       count(DISTINCT v.volunteer) FILTER (WHERE v.named)
         + coalesce(sum(v.volunteers) FILTER (WHERE NOT v.named), 0) AS volunteers,
       CASE WHEN count(v.resident) > 0 THEN
           count(DISTINCT v.volunteer) FILTER (WHERE v.named AND v.resident)
             + coalesce(sum(v.volunteers) FILTER (WHERE NOT v.named AND v.resident), 0) END AS resident_volunteers,
       CASE WHEN bool_or(v.named) THEN
           count(DISTINCT v.volunteer) FILTER (WHERE v.named AND f.first_month = v.month) END AS new_volunteers,
       CASE WHEN bool_or(v.named) THEN
           count(DISTINCT v.volunteer) FILTER (WHERE v.named AND p.member IS NOT NULL) END AS on_partnership,
       sum(v.hours) AS hours,
       sum(v.hours) FILTER (WHERE v.resident) AS resident_hours,
       string_agg(DISTINCT v.activity, ', ') AS activities
FROM v
LEFT JOIN firsts f ON f.area_id = v.area_id AND f.volunteer = v.volunteer
LEFT JOIN members p ON p.area_id = v.area_id AND p.period = v.period AND p.member = v.volunteer
LEFT JOIN areas a ON a.area_id = v.area_id
WHERE CAST($period AS INTEGER) IS NULL OR v.period = CAST($period AS INTEGER)
GROUP BY a.name, v.area_id, v.month, v.period
ORDER BY a.name, v.month
