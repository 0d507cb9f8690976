-- Drops an Arrow view once its rows are appended; filled in with fmt: the view.
DROP VIEW IF EXISTS %s
