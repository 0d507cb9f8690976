-- Every area the project knows, with its name and local authority: one line an area.
SELECT area_id, name, coalesce(local_authority, '') FROM areas
