-- name: volunteering
-- label: Local volunteering
-- unit: volunteer hours per 1,000 population
-- direction: higher
-- resident_def: yes
-- base: population
-- short: volunt
-- order: 4
--
-- The level of local volunteering: hours given by volunteers who count as
-- residents, per 1,000 people living in the area; the note gives the distinct
-- volunteers. Under R1 a volunteer counts when the return says they live in
-- the area; under R2 also not when they sit on the partnership as a
-- councillor or with an agency role; under R3 every volunteer counts (they
-- volunteer in the area). Totals rows (no volunteer named) count by their
-- "resident" column, and their volunteer count is added to the distinct volunteers.
-- Hours whose "resident" is blank are not counted under R1 and R2 (the note
-- says how many); when no row says, the value is missing, not 0.
WITH v AS (
    SELECT v.area_id, v.period, v.volunteer, v.hours, v.volunteers,
           counts_as_resident($resident_def, v.resident, NULL, p.councillor, p.agency_role, true) AS counts,
           $resident_def = 'R3' OR v.resident IS NOT NULL AS known
    FROM volunteering v
    LEFT JOIN (SELECT area_id, period, member,
                      bool_or(councillor) AS councillor,
                      max(CASE WHEN agency_role <> 'none' THEN agency_role END) AS agency_role
               FROM partnership GROUP BY area_id, period, member) p
           ON p.area_id = v.area_id AND p.period = v.period AND p.member = v.volunteer
),
t AS (
    SELECT area_id, period,
           count(*) AS rows,
           count(hours) AS counted,
           count(hours) FILTER (WHERE known) AS known,
           count(hours) FILTER (WHERE NOT known) AS unknown,
           coalesce(sum(hours) FILTER (WHERE counts), 0) AS hours,
           count(DISTINCT volunteer) FILTER (WHERE counts AND volunteer IS NOT NULL AND volunteer <> '')
             + coalesce(sum(volunteers) FILTER (WHERE counts AND (volunteer IS NULL OR volunteer = '')), 0) AS people
    FROM v
    GROUP BY area_id, period
)
SELECT ap.area_id, ap.period,
       CASE WHEN t.known > 0 THEN per_1000(t.hours, ap.population) END AS value,
       ap.population AS base,
       CASE WHEN t.rows IS NULL THEN 'no volunteering recorded for this period'
            WHEN t.counted = 0 THEN 'the volunteering return gives no hours'
            WHEN t.known = 0 THEN 'the volunteering return does not say which volunteers live in the area (needed under R1 and R2)'
            WHEN ap.population IS NULL THEN 'no population for the area: add it with an areas return' END AS missing_reason,
       CASE WHEN t.known > 0 THEN t.people || ' distinct volunteers counted as residents'
                                  || CASE WHEN t.unknown > 0 THEN '; ' || t.unknown || ' rows of hours without "resident" not counted' ELSE '' END
       END AS note
FROM area_periods ap
LEFT JOIN t USING (area_id, period)
