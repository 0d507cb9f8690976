-- Returns every area's score on definition $1, resident definition $2, period $3 (areas without one as missing), by rank.
SELECT a.area_id, coalesce(a.name, a.area_id), s.value, s.base, s.minmax, s.z, s.percentile,
s.rank, s.n_areas, coalesce(s.unit, ''), coalesce(s.base_label, ''),
coalesce(s.missing_reason, CASE WHEN s.area_id IS NULL THEN 'no score: no returns for this period, or not scored yet' ELSE '' END),
coalesce(s.note, ''), coalesce(s.resident_def, ''), s.coverage, s.goalposts
FROM areas a LEFT JOIN scores s ON s.area_id = a.area_id AND s.definition = $1 AND s.resident_def IN ($2, '-') AND s.period = $3
ORDER BY s.rank NULLS LAST, a.name
