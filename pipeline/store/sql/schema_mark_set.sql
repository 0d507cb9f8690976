-- Marks the database as made with a schema; filled in with fmt: the mark (letters and digits only).
COMMENT ON SEQUENCE load_seq IS '%s'
