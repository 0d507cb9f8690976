-- Returns every coded segment's area, source, code, coder and position, for intercoder agreement.
SELECT area_id, source, code, coder, segment_ref FROM interview_codes WHERE code IS NOT NULL AND code <> '' ORDER BY area_id, source, code, coder, segment_ref
