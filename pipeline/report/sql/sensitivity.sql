-- Returns the Sobol indices of each choice for every area's composite rank (area all: the mean over the areas), per period.
SELECT period, area_id, factor, first_order, total_order, first_low, first_high, total_low, total_high FROM sensitivity ORDER BY period, area_id, factor
