-- Takes out of this load ($1) its rows in the history table %[1]s that repeat exactly (%[2]s, filled in with
-- fmt) a current row of another load: they are quarantined instead.
DELETE FROM %[1]s n WHERE n.load_id = $1
  AND EXISTS (SELECT 1 FROM %[1]s c WHERE %[2]s AND c.load_id <> $1 AND c.superseded_by IS NULL)
