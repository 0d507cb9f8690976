-- Returns every coded interview segment, by area, code, period and source.
SELECT area_id, period, source, source_type, participant, participant_role, code, excerpt, load_id, source_sheet, source_row
FROM interview_codes ORDER BY area_id, code, period, source, source_row
