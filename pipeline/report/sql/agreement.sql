-- Returns the agreement (Kendall's tau) between each pair of definitions, per period and resident definition.
SELECT period, resident_def, def_a, def_b, tau, coalesce(n, 0) FROM agreement ORDER BY period, resident_def, def_a, def_b
