-- name: consultation
-- label: Responses to consultations
-- unit: responses per 1,000 population
-- direction: higher
-- resident_def: no
-- base: population
-- short: consult
-- order: 3
--
-- Those who respond to consultations: responses to the consultations opened
-- in the period, per 1,000 people living in the area.
WITH c AS (
    SELECT area_id, period,
           count(*) AS consultations,
           sum(responses) AS responses,
           count(responses) AS counted
    FROM consultations
    GROUP BY area_id, period
)
SELECT ap.area_id, ap.period,
       CASE WHEN c.counted > 0 THEN per_1000(c.responses, ap.population) END AS value,
       ap.population AS base,
       CASE WHEN c.consultations IS NULL THEN 'no consultations recorded for this period'
            WHEN c.counted = 0 THEN 'the consultations return does not count responses'
            WHEN ap.population IS NULL THEN 'no population for the area: add it with an areas return' END AS missing_reason,
       c.consultations || ' consultation' || CASE WHEN c.consultations = 1 THEN '' ELSE 's' END AS note
FROM area_periods ap
LEFT JOIN c USING (area_id, period)
