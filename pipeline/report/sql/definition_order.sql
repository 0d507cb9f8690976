-- Returns the definitions in the order scoring wrote them (their headers' order), the composite last.
SELECT definition FROM scores GROUP BY definition ORDER BY definition = 'all', min(rowid)
