-- Returns the codebook's mapping of interview codes to indicators and tags.
SELECT code, target_type, target, pattern, coalesce(segments, 0) FROM code_mapping ORDER BY code, target_type, target
