-- Returns the periods of area_periods, oldest first.
SELECT DISTINCT period FROM area_periods ORDER BY period
