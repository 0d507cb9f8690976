-- Returns the overrides the stored labels carry: area, period, label, rationale and who set it (a pseudonym).
SELECT area_id, period, override_label, coalesce(override_rationale, ''), coalesce(override_by, '')
FROM classifications WHERE override_label IS NOT NULL
