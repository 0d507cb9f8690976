-- The rows a load left in quarantine, one line a row, when the load still
-- counts (a load wholly replaced by a later one is not re-checked).
SELECT DISTINCT q.sheet, q.row
FROM quarantine q JOIN loads l USING (load_id)
WHERE q.load_id = $1 AND l.superseded_by IS NULL
ORDER BY 1, 2
