-- name: codes_unused_by_mapping
-- description: Codes in the loaded REFI-QDA codebooks (.qdpx projects and .qdc files) that no line of the codebook mapping matches, as of the last obs classify, with how often each was used
-- param: project text * only the codebooks of projects (or .qdc files) whose name matches this (* is a wildcard, case is ignored)
--
-- Each project's or codebook's latest load counts. A code is matched when a
-- line of the codebook mapping matches it as obs classify matches codes (*
-- is a wildcard; case and spaces around / are ignored). The database knows
-- the mapping lines that matched some coded segment at the last obs
-- classify; run obs classify after changing the mapping. Folders that only
-- group codes (not codable) are left out.
WITH latest AS (
    SELECT q.*
    FROM qda_codes q
    WHERE q.load_id = (SELECT max(r.load_id) FROM qda_codes r WHERE r.origin = q.origin AND r.project = q.project)
)
SELECT c.project,
       c.origin,
       c.path AS code,
       (SELECT count(*) FROM interview_codes i WHERE i.code = c.path) AS segments,
       l.file,
       c.load_id
FROM latest c
JOIN loads l ON l.load_id = c.load_id
WHERE c.codable
  AND lower(c.project) GLOB lower($project)
  AND NOT EXISTS (
        SELECT 1 FROM code_mapping m
        WHERE regexp_replace(regexp_replace(lower(trim(c.path)), '\s+', ' ', 'g'), '\s*/\s*', '/', 'g')
              GLOB regexp_replace(regexp_replace(lower(trim(m.pattern)), '\s+', ' ', 'g'), '\s*/\s*', '/', 'g'))
ORDER BY c.project, c.path
