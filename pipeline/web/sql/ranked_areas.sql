-- Returns the areas with a composite rank interval in period $1, by median rank, with their names.
SELECT u.area_id, coalesce(a.name, u.area_id) FROM uncertainty u LEFT JOIN areas a ON a.area_id = u.area_id
WHERE u.period = $1 ORDER BY u.median_rank NULLS LAST, u.area_id
