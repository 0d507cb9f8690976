-- Returns per area, period and approach or focus tag the coded segments, with the longest excerpt.
SELECT area_id, period, target_type, target, count(*),
first(excerpt ORDER BY length(excerpt) DESC, source, segment_ref, excerpt) FILTER (WHERE excerpt <> '')
FROM coded_segments WHERE target_type IN ('approach', 'focus') GROUP BY ALL
