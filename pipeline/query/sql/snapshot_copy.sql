-- Returns nothing: attaches a new file (fmt: 2 its quoted path, 3 its alias) and copies database 1 (quoted) into it.
ATTACH %[2]s AS %[3]s;
COPY FROM DATABASE %[1]s TO %[3]s
