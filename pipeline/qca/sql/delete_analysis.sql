-- Returns nothing: deletes one analysis's rows of a QCA table (the table's name filled in with fmt; the analysis is the parameter).
DELETE FROM %s WHERE analysis = ?
