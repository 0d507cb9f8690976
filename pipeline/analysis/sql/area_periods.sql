-- Returns nothing: makes the temporary view area_periods, every area with returns by every period with returns (the union of returned_in.sql filled in with fmt).
CREATE OR REPLACE TEMP VIEW area_periods AS
WITH returned AS (SELECT DISTINCT area_id, period FROM (%s) WHERE area_id IS NOT NULL)
SELECT a.area_id, a.name, p.period, CASE WHEN a.population > 0 THEN a.population END AS population,
       coalesce(a.synthetic, false) AS synthetic,
       EXISTS (SELECT 1 FROM returned x WHERE x.area_id = a.area_id AND x.period = p.period) AS returned
FROM areas a
JOIN (SELECT DISTINCT area_id FROM returned) r ON r.area_id = a.area_id
CROSS JOIN (SELECT DISTINCT period FROM returned WHERE period IS NOT NULL) p
