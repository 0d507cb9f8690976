-- name: compare_areas
-- description: All areas side by side on one definition of resident-led, for one resident definition and year: value, rank and normalised scores
-- param: definition definition composition the definition: composition, turnout, consultation, volunteering, social_media, new_projects, local_support, lto_local, or all (the composite)
-- param: resident_def resident_def R1 who counts as a resident: R1 lives here, R2 lives here with no other hat, R3 broad (ignored by definitions that do not depend on it)
-- param: period period null the reporting year, e.g. 2021-22 (default: the latest with scores)
--
-- Areas without a value are listed last, with the reason. Ranks: 1 is the
-- most resident-led; ties share the best rank. minmax runs 0-100 across the
-- areas in the year, z is the z-score, percentile the percentile rank; all
-- three are higher for more resident-led.
WITH chosen AS (
    SELECT coalesce(CAST($period AS INTEGER),
                    (SELECT max(period) FROM scores WHERE definition = lower($definition))) AS period
)
SELECT s.rank,
       a.name AS area,
       s.area_id,
       period_label(s.period) AS period,
       s.value,
       s.unit,
       s.base,
       s.base_label,
       s.minmax,
       s.z,
       s.percentile,
       s.missing_reason,
       s.note
FROM scores s
JOIN chosen c ON s.period = c.period
LEFT JOIN areas a ON a.area_id = s.area_id
WHERE s.definition = lower($definition)
  AND s.resident_def IN (upper($resident_def), '-')
ORDER BY s.rank NULLS LAST, a.name
