-- Returns the reporting years with scores or current returns, oldest first.
SELECT DISTINCT period FROM scores WHERE period IS NOT NULL
UNION SELECT DISTINCT period FROM load_parts WHERE period IS NOT NULL AND superseded_by IS NULL ORDER BY 1
