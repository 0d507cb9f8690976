-- Saves one version of the method, numbered after the last; returns its number.
INSERT INTO method_versions (version, saved_at, saved_by, note, normalisation, aggregation, coverage_threshold, seed, hybrid_margin)
SELECT coalesce(max(version), 0) + 1, ?, ?, ?, ?, ?, ?, ?, ? FROM method_versions
RETURNING version
