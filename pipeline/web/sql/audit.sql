-- Returns the changes recorded, newest first, $1 of them from the $2nd (counting from 0): when, who (a pseudonym), action, detail.
SELECT coalesce(changed_at, ''), coalesce(changed_by, ''), coalesce(action, ''), coalesce(detail, '') FROM audit ORDER BY audit_id DESC LIMIT $1 OFFSET $2
