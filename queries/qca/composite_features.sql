-- name: composite_features
-- label: Resident-led on the composite, and three features of how an area works
-- outcome: RESLED
-- column: RESLED direct 40, 50, 60: the composite score of obs score (0 to 100, residents R1)
-- column: LTO crisp 3: a local, resident-run LTO: 3 or more of the 4 points of the lto_local definition
-- column: WG direct 0, 1.5, 4: working groups with delegated decision power (how many)
-- column: GRANTS direct 0.2, 0.5, 1.2: small grants awarded per 1,000 population
-- dir_exp: LTO, WG, GRANTS
-- incl_cut: 0.8
--
-- Which combinations of a local LTO, working groups with delegated power and
-- a busy small-grants programme go with an area scoring high on the composite
-- of every definition of resident-led? The cases are the areas of one
-- reporting year. The composite is calibrated with its crossover at 50, the
-- middle of its range; working groups with full membership at 4 delegated
-- groups and full non-membership at none; small grants with the crossover at
-- one grant for every 2,000 people (anchors set from the bundled sample:
-- change them, with a note why, for real areas). Population is the one obs
-- score used (the base of the turnout definition): an area without it has no
-- grants per 1,000 and is left out, with a note. The expectations: each
-- feature, when present, is expected to help an area be resident-led.
WITH wg AS (
    SELECT area_id, period, count(*) FILTER (WHERE decision_power = 'delegated') AS delegated
    FROM working_groups GROUP BY area_id, period),
g AS (
    SELECT area_id, period, count(*) AS grants FROM grants GROUP BY area_id, period)
SELECT s.area_id, s.period,
       s.value AS RESLED, l.value AS LTO, coalesce(wg.delegated, 0) AS WG,
       CASE WHEN p.base > 0 THEN coalesce(g.grants, 0) * 1000.0 / p.base END AS GRANTS
FROM scores s
LEFT JOIN scores l ON l.area_id = s.area_id AND l.period = s.period AND l.definition = 'lto_local'
LEFT JOIN scores p ON p.area_id = s.area_id AND p.period = s.period AND p.definition = 'turnout'
LEFT JOIN wg ON wg.area_id = s.area_id AND wg.period = s.period
LEFT JOIN g ON g.area_id = s.area_id AND g.period = s.period
WHERE s.definition = 'all' AND s.resident_def = 'R1'
ORDER BY s.period, s.area_id
