-- name: composition
-- label: Residents on the partnership
-- unit: % of voting members
-- direction: higher
-- resident_def: yes
-- base: voting members
-- short: compos
-- order: 1
--
-- The composition of the partnership: residents as a share of the voting
-- members, under the chosen resident definition. The programme asks for at
-- least half; the note says when an area falls below. A member whose vote is
-- not recorded votes unless an observer. A member whose "lives in area" is
-- blank counts as not resident (the note says how many); when no member's is
-- given, the value is missing.
WITH m AS (
    SELECT area_id, period,
           count(*) AS voting,
           count(lives_in_area) AS known,
           count(*) FILTER (WHERE counts_as_resident($resident_def, lives_in_area, works_in_area,
                                                     councillor, agency_role, volunteers_here)) AS residents
    FROM partnership_people
    WHERE votes
    GROUP BY area_id, period
)
SELECT ap.area_id, ap.period,
       CASE WHEN m.known > 0 THEN 100.0 * m.residents / m.voting END AS value,
       m.voting AS base,
       CASE WHEN m.voting IS NULL THEN 'no partnership return for this period'
            WHEN m.voting = 0 THEN 'the partnership return lists no voting members'
            WHEN m.known = 0 THEN 'the partnership return does not say who lives in the area' END AS missing_reason,
       CASE WHEN m.known > 0 AND 2 * m.residents < m.voting
            THEN 'below the programme rule: fewer than half the voting members are residents' ELSE '' END
       || CASE WHEN m.known BETWEEN 1 AND m.voting - 1
            THEN (CASE WHEN 2 * m.residents < m.voting THEN '; ' ELSE '' END)
                 || (m.voting - m.known) || ' members do not say whether they live in the area (counted as not)' ELSE '' END AS note
FROM area_periods ap
LEFT JOIN m USING (area_id, period)
