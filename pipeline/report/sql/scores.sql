-- Returns every score, by period, definition, resident definition and area.
SELECT area_id, period, definition, label, resident_def, value, unit, direction, base, base_label, missing_reason,
note, minmax, z, rank, percentile, n_areas, coverage, covered, goalposts FROM scores ORDER BY period, definition, resident_def, area_id
