-- Returns area $1's median rank, its 5-95% interval, whether ranked, and how many areas, in period $2.
SELECT median_rank, rank_p05, rank_p95, ranked, n_areas FROM uncertainty WHERE area_id = $1 AND period = $2
