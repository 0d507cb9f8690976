-- Returns how many changes the audit table records.
SELECT count(*) FROM audit
