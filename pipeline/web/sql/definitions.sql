-- Returns each definition the scores hold: name, label, unit, direction, whether it depends on the resident definition, order of first score; the composite last.
SELECT definition, any_value(label), any_value(coalesce(unit, '')),
any_value(coalesce(direction, 'higher')), bool_or(resident_def <> '-'), min(rowid)
FROM scores GROUP BY definition ORDER BY definition = 'all', min(rowid)
