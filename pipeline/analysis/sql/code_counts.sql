-- Returns each interview code with how many segments and areas use it.
SELECT code, count(*), count(DISTINCT area_id) FROM interview_codes WHERE code IS NOT NULL AND code <> '' GROUP BY code
