-- The loads with a part this load ($1) replaced: one line a load, in order.
SELECT DISTINCT load_id FROM load_parts WHERE superseded_by = $1 ORDER BY 1
