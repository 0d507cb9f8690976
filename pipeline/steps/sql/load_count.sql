-- How many loads there are. One line.
SELECT count(*) FROM loads
