-- name: rank_uncertainty
-- description: Each area's composite rank and how sure it is: median rank and 5-95% interval over many defensible choices of weights, normalisation, aggregation and resident definition
-- param: period period null the reporting year, e.g. 2021-22 (default: the latest with results)
--
-- An area whose interval spans half the table or more is not ranked: its
-- place depends on choices an evaluator could defensibly make either way.
WITH chosen AS (
    SELECT coalesce(CAST($period AS INTEGER), (SELECT max(period) FROM uncertainty)) AS period
)
SELECT a.name AS area, u.area_id,
       period_label(u.period) AS period,
       u.rank,
       u.median_rank,
       u.rank_p05,
       u.rank_p95,
       u.ranked,
       u.draws,
       u.n_areas AS out_of
FROM uncertainty u
JOIN chosen c ON u.period = c.period
LEFT JOIN areas a ON a.area_id = u.area_id
ORDER BY u.median_rank NULLS LAST, a.name
