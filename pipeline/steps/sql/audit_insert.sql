-- Records one change: when, who (a pseudonym), the action and its detail; numbered after the last.
INSERT INTO audit (audit_id, changed_at, changed_by, action, detail)
SELECT coalesce(max(audit_id), 0) + 1, ?, ?, ?, ? FROM audit
