-- Returns each area of area_periods with its name and whether it is synthetic, by id.
SELECT DISTINCT area_id, name, synthetic FROM area_periods ORDER BY area_id
