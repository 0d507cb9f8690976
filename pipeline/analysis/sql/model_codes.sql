-- Returns per area, period and model the segments coded to it, with the longest excerpt and its source.
SELECT area_id, period, CAST(target AS INTEGER), count(*),
first(excerpt ORDER BY length(excerpt) DESC, source, segment_ref, excerpt) FILTER (WHERE excerpt <> ''),
first(source ORDER BY length(excerpt) DESC, source, segment_ref, excerpt) FILTER (WHERE excerpt <> '')
FROM coded_segments WHERE target_type = 'model' GROUP BY ALL
