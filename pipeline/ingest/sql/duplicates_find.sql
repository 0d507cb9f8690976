-- Returns the rows of this load ($1) in the history table %[1]s that repeat exactly (%[2]s: every column of the
-- kind, filled in with fmt) a current row of another load, with the first such row's load, file and place, and
-- the row's values as text (%[3]s).
SELECT n.source_sheet, n.source_row, n.area_id, n.period,
  c.load_id, ld.file, c.source_sheet || '!' || c.source_row, %[3]s
FROM %[1]s n JOIN %[1]s c ON %[2]s AND c.load_id <> $1 AND c.superseded_by IS NULL
JOIN loads ld ON ld.load_id = c.load_id
WHERE n.load_id = $1
QUALIFY row_number() OVER (PARTITION BY n.source_sheet, n.source_row ORDER BY c.load_id, c.source_sheet, c.source_row) = 1
ORDER BY n.source_sheet, n.source_row
