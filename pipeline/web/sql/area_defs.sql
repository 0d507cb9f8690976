-- Returns every score of period $1 with the area's name: definition, area, value, rank, unit, reasons, resident definition, coverage, min-max.
SELECT s.definition, s.area_id, coalesce(a.name, s.area_id), s.value, s.rank, s.n_areas,
coalesce(s.unit, ''), coalesce(s.missing_reason, ''), coalesce(s.note, ''), s.resident_def, s.coverage, s.minmax
FROM scores s LEFT JOIN areas a USING (area_id) WHERE s.period = $1
