-- name: area_profile
-- description: One area's full profile: every definition of resident-led with its rank, the composite and its uncertainty, leadership model, approaches and the returns behind them
-- param: area area required the area's id or name, e.g. birchfield
-- param: period period null the reporting year, e.g. 2021-22 (default: every year)
--
-- One row per figure. value is a number (a score, a membership from 0 to 1,
-- a count); detail says what it means, or why it is missing.
WITH p AS (SELECT CAST($period AS INTEGER) AS period),
profile AS (
    SELECT s.period, 1 AS section_order, 'resident-led' AS section, s.label AS item, s.resident_def,
           s.value, s.unit, s.rank, s.n_areas AS out_of,
           coalesce(s.missing_reason, s.note) AS detail
    FROM scores s
    WHERE s.area_id = $area AND s.definition <> 'all'
    UNION ALL
    SELECT s.period, 2, 'all of the above', 'composite of the definitions', s.resident_def,
           s.value, s.unit, s.rank, s.n_areas,
           coalesce(s.missing_reason,
                    'uses ' || s.covered || ' (' || round(100 * s.coverage) || '% of the weight)')
    FROM scores s
    WHERE s.area_id = $area AND s.definition = 'all'
    UNION ALL
    SELECT u.period, 2, 'all of the above', 'composite rank under uncertainty (median)', NULL,
           u.median_rank, 'rank', u.rank, u.n_areas,
           '5-95% interval: ' || printf('%g', u.rank_p05) || ' to ' || printf('%g', u.rank_p95)
             || CASE WHEN NOT u.ranked THEN ' - spans half the table or more: not ranked' ELSE '' END
    FROM uncertainty u
    WHERE u.area_id = $area
    UNION ALL
    SELECT c.period, 3, 'leadership model', 'label', NULL, NULL, NULL, NULL, NULL,
           c.label
             || CASE WHEN c.override_label IS NOT NULL
                     THEN ' (overridden by ' || coalesce(c.override_by, '?') || ': ' || coalesce(c.override_rationale, '')
                          || '; computed ' || c.computed_label || ')'
                     ELSE '' END
             || coalesce(' - ' || c.evidence, '')
    FROM classifications c
    WHERE c.area_id = $area
    UNION ALL
    SELECT m.period, 3, 'leadership model', 'model ' || m.model || ': ' || m.model_name, NULL,
           m.membership, 'membership (0 to 1)', NULL, NULL,
           m.indicators || ' indicators with a value, ' || m.codes || ' coded interview segments'
    FROM memberships m
    WHERE m.area_id = $area
    UNION ALL
    SELECT ap.period, 4, 'approaches and focus', ap.tag_type || ': ' || ap.tag, NULL,
           ap.codes, 'coded interview segments', NULL, NULL,
           ap.projects || ' projects' || coalesce(' - ' || ap.evidence, '')
    FROM approaches ap
    WHERE ap.area_id = $area
    UNION ALL
    SELECT lp.period, 5, 'returns', lp.kind, NULL,
           sum(lp.rows), 'rows', NULL, NULL,
           'from ' || string_agg(DISTINCT l.file, ', ')
    FROM load_parts lp
    JOIN loads l ON l.load_id = lp.load_id
    WHERE lp.area_id = $area AND lp.superseded_by IS NULL
    GROUP BY lp.period, lp.kind
)
SELECT period_label(x.period) AS period,
       x.section, x.item, x.resident_def, x.value, x.unit, x.rank, x.out_of, x.detail
FROM profile x, p
WHERE p.period IS NULL OR x.period = p.period
ORDER BY x.period, x.section_order, x.item, x.resident_def
