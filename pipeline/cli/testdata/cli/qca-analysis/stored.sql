SELECT analysis, key, value FROM qca_settings WHERE key IN ('data', 'period', 'cases', 'synthetic') ORDER BY analysis, key
