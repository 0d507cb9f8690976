-- Returns the definitions the scores hold, by name: for reading a definition parameter.
SELECT DISTINCT definition FROM scores ORDER BY 1
