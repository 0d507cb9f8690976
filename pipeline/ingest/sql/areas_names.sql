-- Every area the project knows, with its name: one line an area.
SELECT area_id, name FROM areas
