SELECT analysis, solution, model, term, round(incl_s, 3) AS incl_s, round(cov_s, 3) AS cov_s, round(cov_u, 3) AS cov_u, cases
FROM qca_solutions ORDER BY analysis, solution, model, term
