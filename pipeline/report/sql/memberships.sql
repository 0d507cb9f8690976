-- Returns every area's membership of each leadership model, per period.
SELECT area_id, period, model, model_name, membership, coalesce(indicators, 0), coalesce(codes, 0) FROM memberships ORDER BY area_id, period, model
