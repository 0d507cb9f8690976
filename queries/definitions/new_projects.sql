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
           count(initiated_by) AS known,
           count(*) FILTER (WHERE coalesce(new, true)
                              AND initiated_by IN ('resident', 'working_group', 'community_group')) AS resident_started
    FROM projects
    GROUP BY area_id, period
)
SELECT ap.area_id, ap.period,
       CASE WHEN p.known > 0 THEN p.resident_started END AS value,
       p.started AS base,
       CASE WHEN p.started IS NULL THEN 'no projects recorded for this period'
            WHEN p.known = 0 THEN 'the projects return does not say who started the projects' END AS missing_reason,
       CASE WHEN p.known BETWEEN 1 AND p.started - 1
            THEN (p.started - p.known) || ' projects do not say who started them (not counted)' END AS note
FROM area_periods ap
LEFT JOIN p USING (area_id, period)
