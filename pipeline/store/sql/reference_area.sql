-- Adds one of the areas the evaluation follows, unless it is there: $1 id, $2 name, $3 local authority, $4 region.
INSERT INTO areas (area_id, name, local_authority, region) VALUES (?, ?, ?, ?) ON CONFLICT DO NOTHING
