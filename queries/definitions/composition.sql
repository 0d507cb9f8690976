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
-- not recorded votes unless an observer.
WITH m AS (
    SELECT area_id, period,
           count(*) AS voting,
           count(*) FILTER (WHERE counts_as_resident($resident_def, lives_in_area, works_in_area,
                                                     councillor, agency_role, volunteers_here)) AS residents
    FROM partnership_people
    WHERE votes
    GROUP BY area_id, period
)
SELECT ap.area_id, ap.period,
       CASE WHEN m.voting > 0 THEN 100.0 * m.residents / m.voting END AS value,
       m.voting AS base,
       CASE WHEN m.voting IS NULL THEN 'no partnership return for this period'
            WHEN m.voting = 0 THEN 'the partnership return lists no voting members' END AS missing_reason,
       CASE WHEN m.voting > 0 AND 2 * m.residents < m.voting
            THEN 'below the programme rule: fewer than half the voting members are residents' END AS note
FROM area_periods ap
LEFT JOIN m USING (area_id, period)
