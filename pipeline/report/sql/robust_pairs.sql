-- Returns the pairs of areas whose order holds in more than 95% of the Monte Carlo draws, per period.
SELECT period, area_a, area_b, a_above, draws FROM rank_reversals WHERE robust ORDER BY period, a_above DESC, area_a, area_b
