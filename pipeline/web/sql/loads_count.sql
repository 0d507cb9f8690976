-- Returns how many loads there are.
SELECT count(*) FROM loads
