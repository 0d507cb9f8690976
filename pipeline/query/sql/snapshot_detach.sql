-- Returns nothing: detaches the copy attached by snapshot_copy.sql (alias filled in with fmt).
DETACH DATABASE IF EXISTS %s
