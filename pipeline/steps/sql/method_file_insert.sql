-- Saves one file of a version of the method: version, name, text.
INSERT INTO method_files (file_id, version, name, text) VALUES (concat($1, '/', $2), $1, $2, $3)
