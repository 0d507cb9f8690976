-- Returns area $1's classification in period $2: labels, override, evidence and the three model memberships.
SELECT label, computed_label, override_label, override_rationale, override_by, evidence, m1, m2, m3
FROM classifications WHERE area_id = $1 AND period = $2
