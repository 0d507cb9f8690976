-- Returns the 50 latest changes made through the web interface: when, who (a pseudonym), action, detail.
SELECT coalesce(changed_at, ''), coalesce(changed_by, ''), coalesce(action, ''), coalesce(detail, '') FROM audit ORDER BY audit_id DESC LIMIT 50
