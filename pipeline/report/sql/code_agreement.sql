-- Returns the intercoder agreement on every code, then on all codes pooled.
SELECT code, coders, units, percent_agreement, kappa, alpha, low, segments, segment_agreement FROM code_agreement ORDER BY code = 'all', code
