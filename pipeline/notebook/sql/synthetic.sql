-- Returns how many areas hold synthetic data.
SELECT count(*) FROM areas WHERE synthetic
