-- name: social_media
-- label: Following and responding on social media
-- unit: followers and responses per 1,000 population
-- direction: higher
-- resident_def: no
-- base: population
-- short: social
-- order: 5
--
-- The number of people following and responding to social media: followers
-- (each account's latest month in the period, added across accounts) plus
-- responses (comments, shares and messages over the period), per 1,000
-- people living in the area.
WITH latest AS (
    SELECT area_id, period, platform, arg_max(followers, month) AS followers
    FROM social_media WHERE followers IS NOT NULL
    GROUP BY area_id, period, platform
),
f AS (
    SELECT area_id, period, sum(followers) AS followers FROM latest GROUP BY area_id, period
),
r AS (
    SELECT area_id, period,
           count(*) AS rows,
           sum(coalesce(comments, 0) + coalesce(shares, 0) + coalesce(messages, 0)) AS responses,
           count(comments) + count(shares) + count(messages) AS counted,
           count(DISTINCT platform) AS accounts
    FROM social_media
    GROUP BY area_id, period
)
SELECT ap.area_id, ap.period,
       CASE WHEN f.followers IS NOT NULL OR r.counted > 0
            THEN per_1000(coalesce(f.followers, 0) + r.responses, ap.population) END AS value,
       ap.population AS base,
       CASE WHEN r.rows IS NULL THEN 'no social media figures for this period'
            WHEN f.followers IS NULL AND r.counted = 0 THEN 'the social media return gives no followers or responses'
            WHEN ap.population IS NULL THEN 'no population for the area: add it with an areas return' END AS missing_reason,
       CASE WHEN r.rows IS NOT NULL
            THEN coalesce(f.followers, 0) || ' followers, ' || r.responses || ' responses on ' || r.accounts || ' account(s)' END AS note
FROM area_periods ap
LEFT JOIN f USING (area_id, period)
LEFT JOIN r USING (area_id, period)
