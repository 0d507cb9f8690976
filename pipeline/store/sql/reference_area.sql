-- Adds the areas the evaluation follows, those not there yet: lists of their $1 ids, $2 names, $3 local authorities and $4 regions, in the same order.
INSERT INTO areas (area_id, name, local_authority, region)
SELECT unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[]), unnest(?::VARCHAR[])
ON CONFLICT DO NOTHING
