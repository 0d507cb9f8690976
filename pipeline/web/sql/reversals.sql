-- Returns every pair of areas in period $1 with the share of draws in which each ranks above the other, and whether the order is robust.
SELECT area_a, area_b, a_above, b_above, robust FROM rank_reversals WHERE period = $1
