-- name: lto_local
-- label: A local, resident-run LTO
-- unit: points out of 4
-- direction: higher
-- resident_def: no
-- base: items reported (of 4)
-- short: lto
-- order: 8
--
-- The Locally Trusted Organisation only works locally, is not part of a larger
-- organisation, and has residents as employees and as trustees: one point
-- each. An item the return leaves blank earns no point, and the note says so.
-- An area with several LTO rows in a period takes the best.
WITH l AS (
    SELECT area_id, period,
           max(CASE WHEN works_only_in_area THEN 1 ELSE 0 END
             + CASE WHEN NOT part_of_larger_org THEN 1 ELSE 0 END
             + CASE WHEN resident_staff > 0 THEN 1 ELSE 0 END
             + CASE WHEN resident_trustees > 0 THEN 1 ELSE 0 END) AS points,
           max((works_only_in_area IS NOT NULL)::INT + (part_of_larger_org IS NOT NULL)::INT
             + (resident_staff IS NOT NULL)::INT + (resident_trustees IS NOT NULL)::INT) AS reported
    FROM lto
    GROUP BY area_id, period
)
SELECT ap.area_id, ap.period,
       CASE WHEN l.reported > 0 THEN l.points END AS value,
       l.reported AS base,
       CASE WHEN l.points IS NULL THEN 'no LTO return for this period'
            WHEN l.reported = 0 THEN 'the LTO return answers none of the four questions' END AS missing_reason,
       CASE WHEN l.reported BETWEEN 1 AND 3 THEN (4 - l.reported) || ' of the 4 items not reported' END AS note
FROM area_periods ap
LEFT JOIN l USING (area_id, period)
