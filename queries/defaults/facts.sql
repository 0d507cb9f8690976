-- Facts about each area and period that the rubric's expressions can use.
--
-- obs classify runs this file before the rubric. Each rubric line's
-- expression is computed over the view area_facts below, one row per area
-- and period: write it with these column names (for instance
-- "decisions_partnership / decisions"). A figure that cannot be known is
-- NULL, never 0: a count is 0 only when the area sent returns for the period
-- and none of them holds such a row.
--
-- Also here: coded_segments, every interview segment whose code the codebook
-- maps, with what it is evidence of (target_type, target), in each period
-- (a segment without a date counts in every period of its area).

CREATE OR REPLACE TEMP VIEW coded_segments AS
SELECT ap.area_id, ap.period, ic.code, ic.source, ic.source_type, ic.participant_role,
       ic.excerpt, ic.segment_ref, ct.target_type, ct.target
FROM interview_codes ic
JOIN code_targets ct ON ct.code = ic.code
JOIN area_periods ap ON ap.area_id = ic.area_id AND (ap.period = ic.period OR ic.period IS NULL);

CREATE OR REPLACE TEMP VIEW area_facts AS
WITH
d AS (  -- decisions: who made them
    SELECT area_id, period,
           count(*) AS decisions,
           count(*) FILTER (WHERE made_by = 'partnership') AS decisions_partnership,
           count(*) FILTER (WHERE made_by = 'working_group') AS decisions_working_group,
           count(*) FILTER (WHERE made_by IN ('grants_panel', 'community_vote')) AS decisions_community
    FROM decisions GROUP BY area_id, period),
g AS (  -- working groups: how many, their power, their members
    SELECT area_id, period,
           count(*) AS working_groups,
           count(*) FILTER (WHERE decision_power = 'delegated') AS delegated_groups,
           count(*) FILTER (WHERE constituted) AS constituted_groups,
           sum(members) AS wg_members,
           sum(non_partnership_members) AS wg_non_partnership_members,
           sum(delegated_budget) AS delegated_budget
    FROM working_groups GROUP BY area_id, period),
p AS (  -- projects
    SELECT area_id, period,
           count(*) AS projects,
           count(*) FILTER (WHERE became_independent) AS projects_independent,
           count(*) FILTER (WHERE initiated_by = 'partnership') AS projects_by_partnership,
           count(*) FILTER (WHERE initiated_by IN ('working_group', 'community_group', 'resident')) AS projects_by_groups
    FROM projects GROUP BY area_id, period),
pi AS (  -- projects started in this period or before that became independent
    SELECT ap.area_id, ap.period, count(*) AS projects_independent_so_far
    FROM area_periods ap JOIN projects x ON x.area_id = ap.area_id AND x.period <= ap.period
    WHERE x.became_independent
    GROUP BY ap.area_id, ap.period),
s AS (  -- small grants
    SELECT area_id, period,
           count(*) AS grants,
           sum(amount) AS grants_amount,
           count(DISTINCT recipient) FILTER (WHERE recipient_type IN ('constituted_group', 'informal_group')) AS groups_funded
    FROM grants GROUP BY area_id, period),
e AS (  -- events: all, and those building capacity or networks
    SELECT area_id, period,
           count(*) AS events,
           count(*) FILTER (WHERE lower(event_type) LIKE '%capacity%' OR lower(event_type) LIKE '%network%') AS enabling_events
    FROM events GROUP BY area_id, period),
m AS (  -- partnership
    SELECT area_id, period, count(*) FILTER (WHERE votes) AS voting_members
    FROM partnership_people GROUP BY area_id, period),
c AS (  -- interview segments coded to each leadership model
    SELECT area_id, period,
           count(*) FILTER (WHERE target = '1') AS codes_model1,
           count(*) FILTER (WHERE target = '2') AS codes_model2,
           count(*) FILTER (WHERE target = '3') AS codes_model3
    FROM coded_segments WHERE target_type = 'model' GROUP BY area_id, period),
ca AS (  -- the same over every period of the area (interviews are few: pooling steadies the shares)
    SELECT ic.area_id,
           count(*) FILTER (WHERE ct.target = '1') AS codes_model1,
           count(*) FILTER (WHERE ct.target = '2') AS codes_model2,
           count(*) FILTER (WHERE ct.target = '3') AS codes_model3
    FROM interview_codes ic JOIN code_targets ct ON ct.code = ic.code
    WHERE ct.target_type = 'model'
    GROUP BY ic.area_id)
SELECT ap.area_id, ap.period, ap.population,
       -- counts: 0 when the area sent returns for the period but none of this kind
       CASE WHEN ap.returned THEN coalesce(m.voting_members, 0) END AS voting_members,
       d.decisions, d.decisions_partnership, d.decisions_working_group, d.decisions_community,
       d.decisions_partnership / nullif(d.decisions, 0) AS share_decisions_partnership,
       d.decisions_working_group / nullif(d.decisions, 0) AS share_decisions_working_groups,
       d.decisions_community / nullif(d.decisions, 0) AS share_decisions_community,
       CASE WHEN ap.returned THEN coalesce(g.working_groups, 0) END AS working_groups,
       CASE WHEN ap.returned THEN coalesce(g.delegated_groups, 0) END AS delegated_groups,
       CASE WHEN ap.returned THEN coalesce(g.constituted_groups, 0) END AS constituted_groups,
       g.wg_members, g.wg_non_partnership_members,
       g.wg_non_partnership_members / nullif(g.wg_members, 0) AS share_wg_non_partnership,
       CASE WHEN ap.returned THEN coalesce(g.delegated_budget, 0) END AS delegated_budget,
       p.projects, p.projects_independent, p.projects_by_partnership, p.projects_by_groups,
       -- constituted working groups, and projects started so far that became independent

       CASE WHEN ap.returned THEN coalesce(g.constituted_groups, 0) + coalesce(pi.projects_independent_so_far, 0) END AS groups_gone_independent,
       CASE WHEN ap.returned THEN coalesce(s.grants, 0) END AS grants,
       CASE WHEN ap.returned THEN coalesce(s.grants_amount, 0) END AS grants_amount,
       CASE WHEN ap.returned THEN per_1000(coalesce(s.grants, 0), ap.population) END AS grants_per_1000,
       CASE WHEN ap.returned THEN coalesce(s.groups_funded, 0) END AS groups_funded,
       e.events, e.enabling_events,
       e.enabling_events / nullif(e.events, 0) AS share_enabling_events,
       coalesce(c.codes_model1, 0) AS codes_model1,
       coalesce(c.codes_model2, 0) AS codes_model2,
       coalesce(c.codes_model3, 0) AS codes_model3,
       c.codes_model1 / nullif(c.codes_model1 + c.codes_model2 + c.codes_model3, 0) AS code_share_model1,
       c.codes_model2 / nullif(c.codes_model1 + c.codes_model2 + c.codes_model3, 0) AS code_share_model2,
       c.codes_model3 / nullif(c.codes_model1 + c.codes_model2 + c.codes_model3, 0) AS code_share_model3,
       ca.codes_model1 / nullif(ca.codes_model1 + ca.codes_model2 + ca.codes_model3, 0) AS code_share_model1_all_periods,
       ca.codes_model2 / nullif(ca.codes_model1 + ca.codes_model2 + ca.codes_model3, 0) AS code_share_model2_all_periods,
       ca.codes_model3 / nullif(ca.codes_model1 + ca.codes_model2 + ca.codes_model3, 0) AS code_share_model3_all_periods
FROM area_periods ap
LEFT JOIN d USING (area_id, period)
LEFT JOIN g USING (area_id, period)
LEFT JOIN p USING (area_id, period)
LEFT JOIN pi USING (area_id, period)
LEFT JOIN s USING (area_id, period)
LEFT JOIN e USING (area_id, period)
LEFT JOIN m USING (area_id, period)
LEFT JOIN c USING (area_id, period)
LEFT JOIN ca USING (area_id);
