-- Returns area $1's classification in period $2: labels, override, evidence, the three model memberships and the label's stability in words.
SELECT c.label, c.computed_label, c.override_label, c.override_rationale, c.override_by, c.evidence, c.m1, c.m2, c.m3, s.summary
FROM classifications c LEFT JOIN label_stability s ON s.area_id = c.area_id AND s.period = c.period
WHERE c.area_id = $1 AND c.period = $2
