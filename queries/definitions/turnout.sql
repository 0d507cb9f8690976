-- name: turnout
-- label: Residents turning up to events
-- unit: resident attendances per 1,000 population
-- direction: higher
-- resident_def: no
-- base: population
-- short: turnout
-- order: 2
--
-- The number of residents that turn up to activities and events: resident
-- attendances in the period (as the events return counts them) per 1,000
-- people living in the area.
WITH e AS (
    SELECT area_id, period,
           count(*) AS events,
           sum(resident_attendees) AS residents,
           count(resident_attendees) AS counted
    FROM events
    GROUP BY area_id, period
)
SELECT ap.area_id, ap.period,
       CASE WHEN e.counted > 0 THEN per_1000(e.residents, ap.population) END AS value,
       ap.population AS base,
       CASE WHEN e.events IS NULL THEN 'no events recorded for this period'
            WHEN e.counted = 0 THEN 'the events return does not count resident attendees'
            WHEN ap.population IS NULL THEN 'no population for the area: add it with an areas return' END AS missing_reason,
       CASE WHEN e.counted < e.events
            THEN (e.events - e.counted) || ' of ' || e.events || ' events do not count resident attendees' END AS note
FROM area_periods ap
LEFT JOIN e USING (area_id, period)
