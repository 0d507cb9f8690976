-- Lists the saved versions of the method, newest first: number, when, who (a pseudonym), the note and the scalar settings.
SELECT version, saved_at, saved_by, note, normalisation, aggregation, coverage_threshold, seed, hybrid_margin
FROM method_versions
ORDER BY version DESC
