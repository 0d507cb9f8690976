-- name: turnout_features
-- label: High resident turnout, and three features of how an area works
-- outcome: TURNOUT
-- column: TURNOUT direct 15, 30, 45: resident attendances at events per 1,000 population (the turnout definition of obs score)
-- column: LTO crisp 3: a local, resident-run LTO: 3 or more of the 4 points of the lto_local definition
-- column: WG direct 0, 1.5, 4: working groups with delegated decision power (how many)
-- column: GRANTS direct 0.2, 0.5, 1.2: small grants awarded per 1,000 population
-- dir_exp: LTO, WG, GRANTS
-- incl_cut: 0.8
--
-- The question of composite_features asked of one outcome residents can see:
-- do a local LTO, working groups with delegated power and a busy small-grants
-- programme, in some combination, go with residents turning up to events?
-- Turnout is calibrated as in turnout_models, the features as in
-- composite_features (anchors set from the bundled sample: change them, with
-- a note why, for real areas). An area without population has no turnout and
-- no grants per 1,000 and is left out, with a note.
WITH wg AS (
    SELECT area_id, period, count(*) FILTER (WHERE decision_power = 'delegated') AS delegated
    FROM working_groups GROUP BY area_id, period),
g AS (
    SELECT area_id, period, count(*) AS grants FROM grants GROUP BY area_id, period)
SELECT t.area_id, t.period,
       t.value AS TURNOUT, l.value AS LTO, coalesce(wg.delegated, 0) AS WG,
       CASE WHEN t.base > 0 THEN coalesce(g.grants, 0) * 1000.0 / t.base END AS GRANTS
FROM scores t
LEFT JOIN scores l ON l.area_id = t.area_id AND l.period = t.period AND l.definition = 'lto_local'
LEFT JOIN wg ON wg.area_id = t.area_id AND wg.period = t.period
LEFT JOIN g ON g.area_id = t.area_id AND g.period = t.period
WHERE t.definition = 'turnout'
ORDER BY t.period, t.area_id
