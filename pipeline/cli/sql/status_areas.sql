-- The areas to show, in order: $1 the one area, or '' for all.
SELECT area_id FROM areas WHERE ($1 = '' OR area_id = $1) ORDER BY area_id
