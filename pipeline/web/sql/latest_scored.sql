-- Returns the latest reporting year with scores (NULL when none).
SELECT max(period) FROM scores
