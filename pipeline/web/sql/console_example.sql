-- Returns the 20 highest composite scores (resident definition R1), latest reporting year first.
SELECT a.name, s.value, s.rank
FROM scores s JOIN areas a USING (area_id)
WHERE s.definition = 'all' AND s.resident_def = 'R1'
ORDER BY s.period DESC, s.rank
LIMIT 20
