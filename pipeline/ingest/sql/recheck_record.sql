-- Records one re-check of a load: the load, how it was checked, rows checked
-- and loaded, when and by whom.
INSERT INTO rechecks VALUES (nextval('load_seq'), ?, ?, ?, ?, ?, ?)
