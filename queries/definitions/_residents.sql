-- Helpers shared by the definitions. Not a definition: files whose name starts
-- with "_" run first, in name order, in the same session as the definitions.
--
-- Also available to every definition (made by obs from the returns):
--   area_periods (area_id, name, period, population, synthetic, returned):
--   every area that sent any return, with every period any return covers;
--   returned says whether the area sent anything for that period. population
--   is NULL when no areas return gave it (or gave 0): a per-1,000 figure on
--   it must then be NULL with a reason, never 0.
-- A definition whose header says "resident_def: yes" is run once for each
-- resident definition, with $resident_def set to 'R1', 'R2' or 'R3'.

-- Who counts as a resident (analyses.md), in one place:
--   R1 lives here:                  lives in the area
--   R2 lives here, no other hat:    lives in the area, not a councillor, no agency role
--   R3 broad:                       lives in the area, or works in it, or volunteers in it
-- A blank "lives in area" (or any blank yes/no) counts as no.
CREATE OR REPLACE TEMP MACRO counts_as_resident(resident_def, lives_in_area, works_in_area, councillor, agency_role, volunteers_here) AS
  CASE resident_def
    WHEN 'R1' THEN coalesce(lives_in_area, false)
    WHEN 'R2' THEN coalesce(lives_in_area, false)
                   AND NOT coalesce(councillor, false)
                   AND coalesce(agency_role, 'none') = 'none'
    WHEN 'R3' THEN coalesce(lives_in_area, false)
                   OR coalesce(works_in_area, false)
                   OR coalesce(volunteers_here, false)
  END;

-- Per 1,000 population; NULL when the population is unknown.
CREATE OR REPLACE TEMP MACRO per_1000(n, population) AS
  CASE WHEN population > 0 THEN 1000.0 * n / population END;

-- Partnership members, each with whether they also volunteer in the area in
-- the same period. Volunteers are pseudonymised with the same key as members,
-- so the same person has the same pseudonym in both returns.
CREATE OR REPLACE TEMP VIEW partnership_people AS
SELECT p.*,
       EXISTS (SELECT 1 FROM volunteering v
               WHERE v.area_id = p.area_id AND v.period = p.period
                 AND v.volunteer = p.member) AS volunteers_here,
       coalesce(p.voting, coalesce(p.role, '') <> 'observer') AS votes
FROM partnership p;
