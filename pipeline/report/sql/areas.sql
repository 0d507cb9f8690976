-- Returns every area, by id: id, name, local authority, region, population, households, synthetic.
SELECT area_id, name, local_authority, region, population, households, coalesce(synthetic, false) FROM areas ORDER BY area_id
