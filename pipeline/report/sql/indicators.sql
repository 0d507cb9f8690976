-- Returns every model indicator of every area and period: value, anchors, membership, contribution.
SELECT area_id, period, model, indicator, label, value, full_non_membership, crossover, full_membership, membership,
contribution, missing_reason FROM indicators ORDER BY area_id, period, model, indicator
