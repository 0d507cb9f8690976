-- name: local_support
-- label: Support from local groups and councils
-- unit: distinct supporters
-- direction: higher
-- resident_def: no
-- base: value of support (£)
-- short: support
-- order: 7
--
-- Gaining support from local groups and councils: distinct supporters in the
-- period (councils, councillors, community groups, agencies, businesses,
-- funders); the base is the value of that support in pounds.
WITH s AS (
    SELECT area_id, period,
           count(DISTINCT supporter) AS supporters,
           sum(value) AS value,
           count(DISTINCT supporter) FILTER (WHERE supporter_type IN ('council', 'councillor', 'community_group')) AS local
    FROM support
    GROUP BY area_id, period
)
SELECT ap.area_id, ap.period,
       s.supporters AS value,
       s.value AS base,
       CASE WHEN s.supporters IS NULL THEN 'no support recorded for this period' END AS missing_reason,
       CASE WHEN s.supporters IS NOT NULL THEN s.local || ' of them councils, councillors or community groups' END AS note
FROM area_periods ap
LEFT JOIN s USING (area_id, period)
