-- A small database for the query tests: two areas (hanwell, birchfield),
-- two years, every kind of table the saved queries read. Run after
-- store.Open has created the tables.
INSERT INTO loads (load_id, file, sha256, sheets, kinds, rows_read, rows_loaded, rows_quarantined, rows_blank, first_row, last_row, loaded_at, loaded_by, superseded_by) VALUES
  (1, 'hanwell-2021.xlsx', 'a1', 'Partnership,Volunteering,Codes', 'partnership,volunteering,interview_codes', 13, 13, 0, 0, 2, 8, '2022-05-01T10:00:00Z', 'u1', NULL),
  (2, 'birchfield.xlsx', 'b2', 'Partnership', 'partnership', 4, 4, 0, 0, 2, 5, '2022-05-02T10:00:00Z', 'u1', NULL),
  (3, 'hanwell-grants-old.xlsx', 'c3', 'Grants', 'grants', 1, 1, 0, 0, 2, 2, '2022-05-03T10:00:00Z', 'u1', 4),
  (4, 'hanwell-grants.xlsx', 'd4', 'Grants', 'grants', 1, 1, 0, 0, 2, 2, '2022-05-04T10:00:00Z', 'u1', NULL);

INSERT INTO load_parts (part_id, load_id, kind, area_id, period, sheet, first_row, last_row, rows, superseded_by) VALUES
  ('1/partnership/hanwell/2021', 1, 'partnership', 'hanwell', 2021, 'Partnership', 2, 7, 6, NULL),
  ('1/volunteering/hanwell/2021', 1, 'volunteering', 'hanwell', 2021, 'Volunteering', 2, 5, 4, NULL),
  ('1/interview_codes/hanwell/2021', 1, 'interview_codes', 'hanwell', 2021, 'Codes', 2, 4, 3, NULL),
  ('2/partnership/birchfield/2021', 2, 'partnership', 'birchfield', 2021, 'Partnership', 2, 3, 2, NULL),
  ('2/partnership/birchfield/2022', 2, 'partnership', 'birchfield', 2022, 'Partnership', 4, 5, 2, NULL),
  ('3/grants/hanwell/2021', 3, 'grants', 'hanwell', 2021, 'Grants', 2, 2, 1, 4),
  ('4/grants/hanwell/2021', 4, 'grants', 'hanwell', 2021, 'Grants', 2, 2, 1, NULL);

-- Hanwell 2021: five voting members. R1 (lives here): M1 M2 M5 = 3.
-- R2 (no other hat): M1 only (M2 is a councillor, M5 works for the council).
-- R3 (broad): all five (M3 works here, M4 volunteers here). M6 observes.
INSERT INTO partnership_history (load_id, source_sheet, source_row, area_id, period, member, role, voting, lives_in_area, works_in_area, councillor, agency_role, superseded_by) VALUES
  (1, 'Partnership', 2, 'hanwell', 2021, 'P-M1', 'chair', true, true, false, false, 'none', NULL),
  (1, 'Partnership', 3, 'hanwell', 2021, 'P-M2', 'member', true, true, NULL, true, NULL, NULL),
  (1, 'Partnership', 4, 'hanwell', 2021, 'P-M3', 'member', true, false, true, false, 'none', NULL),
  (1, 'Partnership', 5, 'hanwell', 2021, 'P-M4', 'member', NULL, false, false, NULL, NULL, NULL),
  (1, 'Partnership', 6, 'hanwell', 2021, 'P-M5', 'treasurer', true, true, false, false, 'council', NULL),
  (1, 'Partnership', 7, 'hanwell', 2021, 'P-M6', 'observer', NULL, true, false, false, 'none', NULL),
  (0, 'Partnership', 9, 'hanwell', 2021, 'P-OLD', 'member', true, false, false, false, 'none', 1),
  (2, 'Partnership', 2, 'birchfield', 2021, 'P-B1', 'chair', true, true, false, false, 'none', NULL),
  (2, 'Partnership', 3, 'birchfield', 2021, 'P-B2', 'member', true, true, false, false, 'none', NULL),
  (2, 'Partnership', 4, 'birchfield', 2022, 'P-B1', 'chair', true, true, false, false, 'none', NULL),
  (2, 'Partnership', 5, 'birchfield', 2022, 'P-B3', 'member', true, false, false, false, 'agency', NULL);

INSERT INTO volunteering_history (load_id, source_sheet, source_row, area_id, period, month, volunteer, activity, hours, volunteers, resident, superseded_by) VALUES
  (1, 'Volunteering', 2, 'hanwell', 2021, DATE '2021-05-01', 'P-M4', 'litter pick', 4, NULL, false, NULL),
  (1, 'Volunteering', 3, 'hanwell', 2021, DATE '2021-05-01', 'P-X', 'café', 2, NULL, true, NULL),
  (1, 'Volunteering', 4, 'hanwell', 2021, DATE '2021-06-01', 'P-M4', 'litter pick', 3, NULL, false, NULL),
  (1, 'Volunteering', 5, 'hanwell', 2021, DATE '2021-06-01', NULL, 'fun day', 10, 3, true, NULL);

INSERT INTO interview_codes_history (load_id, source_sheet, source_row, area_id, period, source, code, source_type, participant, participant_role, interview_date, excerpt, coder, superseded_by) VALUES
  (1, 'Codes', 2, 'hanwell', 2021, 'Interview 1', 'Leadership/Working groups', 'interview', 'P-M1', 'chair', DATE '2021-07-01', '=cmd|'' /C calc''!A0 the groups decide', 'P-C', NULL),
  (1, 'Codes', 3, 'hanwell', 2021, 'Interview 1', 'Leadership/Partnership recruitment', 'interview', 'P-M1', 'chair', DATE '2021-07-01', 'We struggle to find members', 'P-C', NULL),
  (1, 'Codes', 4, 'hanwell', 2021, 'Focus group', 'Voice/Consultation', 'focus group', NULL, 'residents', DATE '2021-08-01', 'They asked us first', 'P-C', NULL);

INSERT INTO code_mapping (mapping_id, code, target_type, target, pattern, segments) VALUES
  ('Leadership/Working groups/model/2', 'Leadership/Working groups', 'model', '2', 'Leadership/Working group*', 1),
  ('Leadership/Partnership recruitment/model/1', 'Leadership/Partnership recruitment', 'model', '1', 'Leadership/Partnership*', 1);

INSERT INTO scores (score_id, area_id, period, definition, label, resident_def, value, unit, direction, base, base_label, missing_reason, minmax, z, rank, percentile, n_areas, coverage, covered) VALUES
  ('birchfield/2021/composition/R1', 'birchfield', 2021, 'composition', 'Residents on the partnership', 'R1', 100, '% of voting members', 'higher', 2, 'voting members', NULL, 100, 0.7, 1, 100, 2, NULL, NULL),
  ('hanwell/2021/composition/R1', 'hanwell', 2021, 'composition', 'Residents on the partnership', 'R1', 60, '% of voting members', 'higher', 5, 'voting members', NULL, 0, -0.7, 2, 0, 2, NULL, NULL),
  ('birchfield/2021/composition/R2', 'birchfield', 2021, 'composition', 'Residents on the partnership', 'R2', 100, '% of voting members', 'higher', 2, 'voting members', NULL, 100, 0.7, 1, 100, 2, NULL, NULL),
  ('hanwell/2021/composition/R2', 'hanwell', 2021, 'composition', 'Residents on the partnership', 'R2', 20, '% of voting members', 'higher', 5, 'voting members', NULL, 0, -0.7, 2, 0, 2, NULL, NULL),
  ('birchfield/2021/composition/R3', 'birchfield', 2021, 'composition', 'Residents on the partnership', 'R3', 100, '% of voting members', 'higher', 2, 'voting members', NULL, 100, 0, 1, 100, 2, NULL, NULL),
  ('hanwell/2021/composition/R3', 'hanwell', 2021, 'composition', 'Residents on the partnership', 'R3', 100, '% of voting members', 'higher', 5, 'voting members', NULL, 100, 0, 1, 100, 2, NULL, NULL),
  ('hanwell/2021/lto_local/-', 'hanwell', 2021, 'lto_local', 'The LTO is local', '-', NULL, 'points of 4', 'higher', NULL, NULL, 'no LTO return for this period', NULL, NULL, NULL, NULL, 1, NULL, NULL),
  ('birchfield/2021/lto_local/-', 'birchfield', 2021, 'lto_local', 'The LTO is local', '-', 3, 'points of 4', 'higher', NULL, NULL, NULL, 100, 0, 1, 100, 1, NULL, NULL),
  ('hanwell/2021/all/R1', 'hanwell', 2021, 'all', 'All of the above', 'R1', 0, 'score 0-100', 'higher', NULL, NULL, NULL, 0, -0.7, 2, 0, 2, 0.5, 'composition'),
  ('birchfield/2020/composition/R1', 'birchfield', 2020, 'composition', 'Residents on the partnership', 'R1', 50, '% of voting members', 'higher', 2, 'voting members', NULL, 100, 0, 1, 100, 1, NULL, NULL);

INSERT INTO agreement (agreement_id, period, resident_def, def_a, def_b, tau, n) VALUES
  ('2021/R1/composition/lto_local', 2021, 'R1', 'composition', 'lto_local', NULL, 1),
  ('2021/R1/composition/turnout', 2021, 'R1', 'composition', 'turnout', -0.4, 2);

INSERT INTO uncertainty (uncertainty_id, area_id, period, rank, median_rank, rank_p05, rank_p95, draws, ranked, n_areas) VALUES
  ('hanwell/2021', 'hanwell', 2021, 2, 2, 1, 2, 1000, false, 2),
  ('birchfield/2021', 'birchfield', 2021, 1, 1, 1, 2, 1000, false, 2);

INSERT INTO classifications (classification_id, area_id, period, computed_label, label, override_label, override_rationale, override_by, m1, m2, m3, top_model, margin, evidence) VALUES
  ('hanwell/2021', 'hanwell', 2021, 'model 1', 'model 1', NULL, NULL, NULL, 0.8, 0.3, 0.2, 1, 0.5, 'most decisions made by the partnership'),
  ('hanwell/2022', 'hanwell', 2022, 'model 1', 'hybrid 1+2', 'hybrid 1+2', 'groups took over the park', 'P-EV', 0.7, 0.65, 0.2, 1, 0.05, 'working groups with delegated budgets'),
  ('birchfield/2021', 'birchfield', 2021, 'model 2', 'model 2', NULL, NULL, NULL, 0.2, 0.9, 0.4, 2, 0.5, 'groups decide'),
  ('birchfield/2022', 'birchfield', 2022, 'model 2', 'model 2', NULL, NULL, NULL, 0.25, 0.85, 0.4, 2, 0.45, 'groups decide');

INSERT INTO memberships (membership_id, area_id, period, model, model_name, membership, indicators, codes) VALUES
  ('hanwell/2021/1', 'hanwell', 2021, 1, 'partnership as executive', 0.8, 2, 1),
  ('hanwell/2021/2', 'hanwell', 2021, 2, 'dispersed working groups', 0.3, 2, 1),
  ('hanwell/2021/3', 'hanwell', 2021, 3, 'enabling', 0.2, 1, 0);

INSERT INTO indicators (indicator_id, area_id, period, model, indicator, label, value, full_non_membership, crossover, full_membership, membership, contribution, missing_reason) VALUES
  ('hanwell/2021/1/partnership_decisions', 'hanwell', 2021, 1, 'partnership_decisions', 'share of decisions made by the partnership', 0.9, 0.2, 0.5, 0.8, 0.97, 0.485, NULL),
  ('hanwell/2021/1/few_groups', 'hanwell', 2021, 1, 'few_groups', 'few or no working groups', 1, 0, 0.5, 1, 0.63, 0.315, NULL),
  ('hanwell/2021/2/delegated_groups', 'hanwell', 2021, 2, 'delegated_groups', 'working groups with delegated power', NULL, 0, 1, 3, NULL, NULL, 'no working groups return');

INSERT INTO approaches (approach_id, area_id, period, tag_type, tag, codes, projects, evidence) VALUES
  ('hanwell/2021/approach/resident voice', 'hanwell', 2021, 'approach', 'resident voice', 1, 0, 'They asked us first');
