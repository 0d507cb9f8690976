-- Every quarantined row that can be checked again from what the quarantine
-- kept of it: one line a row, by load. Rows that repeat another row,
-- codings that point at a code the project lacks, and CSV lines with more
-- fields than their header need their file: they are left out, as are
-- areas returns and loads wholly replaced by later ones.
SELECT q.load_id, any_value(l.file), q.sheet, q.row, q.kind,
       coalesce(any_value(q.area_id), ''), any_value(q.period), any_value(q.raw)
FROM quarantine q JOIN loads l USING (load_id)
WHERE l.superseded_by IS NULL AND q.kind <> 'areas'
GROUP BY q.load_id, q.sheet, q.row, q.kind
HAVING NOT bool_or(q.error_type IN ('duplicate-row', 'unknown-code', 'field-count'))
ORDER BY 1, 3, 4
