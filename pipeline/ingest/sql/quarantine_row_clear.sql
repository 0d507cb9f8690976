-- Removes a row's quarantine entries: the load, the sheet, then the row.
DELETE FROM quarantine WHERE load_id = ? AND sheet = ? AND row = ?
