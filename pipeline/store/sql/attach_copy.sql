-- Attaches a reading copy, read-only, as obs; filled in with fmt: the file, quoted.
ATTACH %s AS obs (READ_ONLY)
