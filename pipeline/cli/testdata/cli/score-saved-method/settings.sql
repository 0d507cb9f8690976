-- The settings the results were made with, and the label the saved version overrides.
SELECT 'score' AS made_by, key, value FROM score_settings WHERE key IN ('normalisation', 'weights_file', 'coverage_threshold', 'method')
UNION ALL SELECT 'classify', key, value FROM classify_settings WHERE key IN ('overrides', 'method', 'hybrid_margin')
UNION ALL SELECT 'label', area_id || ' ' || period_label(period), label || ' by ' || override_by FROM classifications WHERE override_label IS NOT NULL
ORDER BY 1, 2
