-- name: broken
-- label: x
-- unit: x
-- direction: higher
-- resident_def: no
-- base: x
SELECT area_id, period, 1 AS value
FORM area_periods
