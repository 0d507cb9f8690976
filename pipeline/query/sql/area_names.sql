-- Returns every area's id and name, by id: for reading an area parameter.
SELECT area_id, name FROM areas ORDER BY area_id
