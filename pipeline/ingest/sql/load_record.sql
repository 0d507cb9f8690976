-- Records one load: its file, checksum, sheets, kinds, row counts, dates and who loaded it.
INSERT INTO loads VALUES (?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, ?, NULL)
