-- Returns area $1: id, name, local authority, region, population, synthetic.
SELECT area_id, coalesce(name, area_id), coalesce(local_authority, ''), coalesce(region, ''),
population, coalesce(synthetic, false) FROM areas WHERE area_id = $1
