-- name: excerpts
-- description: Interview excerpts coded with a code (* is a wildcard: Leadership/* or *working group*), with their source and what the codebook counts them as evidence of
-- param: code text * the code, as a path; * matches anything, case is ignored
-- param: area area null the area's id or name (default: every area)
-- param: period period null the reporting year, e.g. 2021-22 (default: every year)
-- param: evidence_of text null only excerpts the codebook counts as evidence of this: model 1, model 2, model 3, a definition (composition...), an approach (resident voice...) or a focus (plan, stepping stone)
--
-- Names in excerpts are already replaced by pseudonyms. file, sheet and
-- row say where each excerpt was loaded from.
SELECT a.name AS area, i.area_id,
       period_label(i.period) AS period,
       i.code,
       i.excerpt,
       i.source,
       i.source_type,
       i.participant,
       i.participant_role,
       i.interview_date,
       (SELECT string_agg(DISTINCT m.target_type || ': ' || m.target, '; ')
        FROM code_mapping m WHERE m.code = i.code) AS evidence_of,
       l.file,
       i.source_sheet AS sheet,
       i.source_row AS row
FROM interview_codes i
LEFT JOIN areas a ON a.area_id = i.area_id
LEFT JOIN loads l ON l.load_id = i.load_id
WHERE lower(i.code) GLOB lower($code)
  AND ($area IS NULL OR i.area_id = $area)
  AND (CAST($period AS INTEGER) IS NULL OR i.period = CAST($period AS INTEGER))
  AND ($evidence_of IS NULL OR EXISTS (
        SELECT 1 FROM code_mapping m
        WHERE m.code = i.code
          AND lower(trim($evidence_of)) IN (lower(m.target), lower(m.target_type || ' ' || m.target))))
ORDER BY a.name, i.code, i.interview_date, i.source, i.source_row
