-- Returns every area: id, name, local authority, region, population, synthetic; by name.
SELECT area_id, coalesce(name, area_id), coalesce(local_authority, ''), coalesce(region, ''),
population, coalesce(synthetic, false) FROM areas ORDER BY name
