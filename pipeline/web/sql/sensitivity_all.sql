-- Returns the mean over the areas of each choice's Sobol indices for the composite rank in period $1, in the design's order.
SELECT factor, first_order, total_order, first_low, first_high, total_low, total_high FROM sensitivity WHERE period = $1 AND area_id = 'all'
ORDER BY CASE factor WHEN 'weights' THEN 1 WHEN 'normalisation' THEN 2 WHEN 'aggregation' THEN 3 ELSE 4 END
