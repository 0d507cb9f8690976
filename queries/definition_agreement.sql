-- name: definition_agreement
-- description: How much the choice of definition matters: rank agreement (Kendall's tau) between every pair of definitions, least agreeing first
-- param: resident_def resident_def R1 who counts as a resident: R1, R2 or R3
-- param: period period null the reporting year, e.g. 2021-22 (default: the latest with results)
--
-- tau runs from -1 (the definitions order the areas oppositely) through 0
-- (unrelated) to 1 (the same order). n is the areas with a value under both.
-- p_value tests tau against no association (exact with no ties and fewer
-- than 50 areas, else the normal approximation); tau_low and tau_high are its
-- 95% interval (Fisher's z, Fieller-Hartley-Pearson variance). Kendall's W
-- across all the definitions is in the table concordance.
WITH chosen AS (
    SELECT coalesce(CAST($period AS INTEGER), (SELECT max(period) FROM agreement)) AS period
)
SELECT period_label(g.period) AS period,
       g.resident_def,
       g.def_a,
       g.def_b,
       round(g.tau, 3) AS tau,
       g.n,
       round(g.p_value, 4) AS p_value,
       round(g.tau_low, 3) AS tau_low,
       round(g.tau_high, 3) AS tau_high,
       CASE WHEN g.beyond_chance THEN 'beyond chance'
            WHEN g.p_value IS NOT NULL THEN 'not distinguishable from chance with ' || g.n || ' areas' END AS chance,
       CASE WHEN g.tau IS NULL THEN 'too few areas to compare'
            WHEN g.tau >= 0.7 THEN 'strong agreement'
            WHEN g.tau >= 0.3 THEN 'some agreement'
            WHEN g.tau > -0.3 THEN 'little or no agreement'
            WHEN g.tau > -0.7 THEN 'some disagreement: tends to reverse the order'
            ELSE 'opposite orders' END AS reading
FROM agreement g, chosen c
WHERE g.period = c.period AND g.resident_def = upper($resident_def)
ORDER BY g.tau NULLS LAST, g.def_a, g.def_b
