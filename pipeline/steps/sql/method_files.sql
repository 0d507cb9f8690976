-- Lists the files of every saved version of the method (or of one when the version asked for is not 0), by version and name.
SELECT version, name, text
FROM method_files
WHERE $1 = 0 OR version = $1
ORDER BY version, name
