-- name: new_projects
-- label: New projects started by residents and groups
-- unit: new projects
-- direction: higher
-- resident_def: no
-- base: projects started
-- short: projects
-- order: 6
--
-- The creation of new projects: projects started in the period that are new
-- (not pre-existing; a blank counts as new) and were initiated by residents,
-- working groups or community groups.
WITH p AS (
    SELECT area_id, period,
           count(*) AS started,
           count(*) FILTER (WHERE coalesce(new, true)
                              AND initiated_by IN ('resident', 'working_group', 'community_group')) AS resident_started
    FROM projects
    GROUP BY area_id, period
)
SELECT ap.area_id, ap.period,
       p.resident_started AS value,
       p.started AS base,
       CASE WHEN p.started IS NULL THEN 'no projects recorded for this period' END AS missing_reason,
       NULL AS note
FROM area_periods ap
LEFT JOIN p USING (area_id, period)
