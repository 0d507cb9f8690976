-- name: codes
-- description: Interview codes with how often each was used, in how many sources and areas, and what the codebook counts it as evidence of (or unmapped)
-- param: code text * only codes matching this (* is a wildcard, case is ignored)
-- param: area area null the area's id or name (default: every area)
SELECT i.code,
       count(*) AS segments,
       count(DISTINCT i.source) AS sources,
       count(DISTINCT i.area_id) AS areas,
       coalesce((SELECT string_agg(DISTINCT m.target_type || ': ' || m.target, '; ')
                 FROM code_mapping m WHERE m.code = i.code), 'unmapped') AS evidence_of
FROM interview_codes i
WHERE lower(i.code) GLOB lower($code)
  AND ($area IS NULL OR i.area_id = $area)
GROUP BY i.code
ORDER BY i.code
