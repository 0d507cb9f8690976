-- name: partnership_composition
-- description: Who sits on each partnership, year by year: members, voting members, and the residents among the voting members under each resident definition (R1, R2, R3)
-- param: area area null the area's id or name (default: every area)
-- param: period period null the reporting year, e.g. 2021-22 (default: every year)
--
-- Resident definitions (the same as the scores use):
--   R1 lives here:               lives in the area
--   R2 lives here, no other hat: lives in the area, is not a councillor, and has no agency role (none or blank)
--   R3 broad:                    lives in the area, or works in it, or volunteers in it (the member's
--                                pseudonym appears in the area's volunteering return for the same year)
-- voting is the voting members; rN_residents are the voting members who
-- count as residents under RN, and rN_pct their share of the voting members.
-- agency counts the members who work for the council, an agency, the LTO
-- or Big Local. A blank yes/no counts as no. A member whose vote is not
-- recorded votes unless an observer. below_half lists the resident definitions under
-- which fewer than half the voting members are residents (the programme asks
-- for at least half).
WITH volunteers AS (
    SELECT DISTINCT area_id, period, volunteer
    FROM volunteering
    WHERE volunteer IS NOT NULL AND volunteer <> ''
),
m AS (
    SELECT p.area_id, p.period,
           coalesce(p.voting, coalesce(p.role, '') <> 'observer') AS votes,
           coalesce(p.lives_in_area, false) AS r1,
           coalesce(p.lives_in_area, false) AND NOT coalesce(p.councillor, false)
               AND coalesce(p.agency_role, 'none') = 'none' AS r2,
           coalesce(p.lives_in_area, false) OR coalesce(p.works_in_area, false)
               OR v.volunteer IS NOT NULL AS r3,
           coalesce(p.councillor, false) AS councillor,
           coalesce(p.agency_role, 'none') <> 'none' AS agency
    FROM partnership p
    LEFT JOIN volunteers v
           ON v.area_id = p.area_id AND v.period = p.period AND v.volunteer = p.member
    WHERE ($area IS NULL OR p.area_id = $area)
      AND (CAST($period AS INTEGER) IS NULL OR p.period = CAST($period AS INTEGER))
),
t AS (
    SELECT area_id, period,
           count(*) AS members,
           count(*) FILTER (WHERE votes) AS voting,
           count(*) FILTER (WHERE votes AND r1) AS res1,
           count(*) FILTER (WHERE votes AND r2) AS res2,
           count(*) FILTER (WHERE votes AND r3) AS res3,
           count(*) FILTER (WHERE councillor) AS councillors,
           count(*) FILTER (WHERE agency) AS with_agency_role
    FROM m
    GROUP BY area_id, period
)
SELECT a.name AS area, t.area_id,
       period_label(t.period) AS period,
       t.members, t.voting,
       t.res1 AS r1_residents, round(100.0 * t.res1 / nullif(t.voting, 0), 1) AS r1_pct,
       t.res2 AS r2_residents, round(100.0 * t.res2 / nullif(t.voting, 0), 1) AS r2_pct,
       t.res3 AS r3_residents, round(100.0 * t.res3 / nullif(t.voting, 0), 1) AS r3_pct,
       t.councillors, t.with_agency_role AS agency,
       concat_ws(', ',
                 CASE WHEN 2 * t.res1 < t.voting THEN 'R1' END,
                 CASE WHEN 2 * t.res2 < t.voting THEN 'R2' END,
                 CASE WHEN 2 * t.res3 < t.voting THEN 'R3' END) AS below_half
FROM t
LEFT JOIN areas a ON a.area_id = t.area_id
ORDER BY a.name, t.period
