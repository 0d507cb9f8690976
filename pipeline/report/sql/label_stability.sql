-- Returns every area's label stability per period: label, share of variations that keep it, the label most often given instead, what leaving out one indicator does, and a summary.
SELECT area_id, period, label, share, draws, other_label, other_share, left_out, summary FROM label_stability ORDER BY area_id, period
