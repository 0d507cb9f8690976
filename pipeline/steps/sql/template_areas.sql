-- The areas a return template can be made for: id, name, and whether the
-- area's figures are synthetic (sample data). One line an area, by id.
SELECT area_id, name, coalesce(synthetic, false) FROM areas ORDER BY area_id
