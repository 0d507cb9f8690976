-- Returns every area's classification per period: labels, override, memberships, margin, evidence.
SELECT area_id, period, computed_label, label, override_label, override_rationale, override_by, m1, m2, m3, top_model,
margin, evidence FROM classifications ORDER BY area_id, period
