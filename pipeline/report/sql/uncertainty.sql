-- Returns every area's rank with its median and 5-95% interval under uncertainty, per period.
SELECT area_id, period, rank, median_rank, rank_p05, rank_p95, coalesce(draws, 0), coalesce(ranked, false), coalesce(n_areas, 0)
FROM uncertainty ORDER BY period, median_rank NULLS LAST, area_id
