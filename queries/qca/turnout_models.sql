-- name: turnout_models
-- label: High resident turnout and the leadership models
-- outcome: TURNOUT
-- column: TURNOUT direct 15, 30, 45: resident attendances at events per 1,000 population (the turnout definition of obs score)
-- column: M1 membership: membership of model 1, partnership as executive (obs classify)
-- column: M2 membership: membership of model 2, dispersed working groups (obs classify)
-- column: M3 membership: membership of model 3, enabling (obs classify)
-- column: LTO crisp 3: a local, resident-run LTO: 3 or more of the 4 points of the lto_local definition
-- dir_exp: M2, M3, LTO
-- incl_cut: 0.8
--
-- Which combinations of leadership model and a local LTO go with residents
-- turning up? The cases are the areas of one reporting year. The model
-- memberships are obs classify's, already memberships; turnout is calibrated
-- with the direct method, full non-membership at 15 attendances per 1,000,
-- the crossover at 30 and full membership at 45 (set from the bundled sample:
-- change them, with a note why, for real areas). The expectations for the
-- intermediate solution: dispersed working groups, an enabling partnership
-- and a local LTO, when present, are expected to help turnout, not to hinder
-- it. Consistency of 0.8 makes a configuration sufficient.
SELECT c.area_id, c.period,
       t.value AS TURNOUT, c.m1 AS M1, c.m2 AS M2, c.m3 AS M3, l.value AS LTO
FROM classifications c
LEFT JOIN scores t ON t.area_id = c.area_id AND t.period = c.period AND t.definition = 'turnout'
LEFT JOIN scores l ON l.area_id = c.area_id AND l.period = c.period AND l.definition = 'lto_local'
ORDER BY c.period, c.area_id
