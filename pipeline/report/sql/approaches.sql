-- Returns the approaches (tags) found in every area's coded interviews, per period.
SELECT area_id, period, tag_type, tag, coalesce(codes, 0), coalesce(projects, 0), evidence FROM approaches ORDER BY area_id, period, tag_type, tag
