-- The file name a load was made from. One line.
SELECT file FROM loads WHERE load_id = ?
