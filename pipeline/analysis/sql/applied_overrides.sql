-- Returns the overrides the classifications carry, by area and period.
SELECT area_id, period, override_label, coalesce(override_rationale, ''), coalesce(override_by, '')
FROM classifications WHERE override_label IS NOT NULL ORDER BY area_id, period
