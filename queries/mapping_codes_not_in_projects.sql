-- name: mapping_codes_not_in_projects
-- description: Lines of the codebook mapping (as of the last obs classify) that match no code of any loaded REFI-QDA codebook: misspelt or renamed codes, or codes only spreadsheets use
-- param: target text * only lines counting codes as evidence of this (model 1, a definition, an approach...; * is a wildcard, case is ignored)
--
-- Each project's or codebook's latest load counts. The database knows only
-- the mapping lines that matched some coded segment at the last obs
-- classify, so a line that matched no segment at all is not listed here;
-- codes_it_matched are the coded segments' codes the line matched.
WITH latest AS (
    SELECT q.*
    FROM qda_codes q
    WHERE q.load_id = (SELECT max(r.load_id) FROM qda_codes r WHERE r.origin = q.origin AND r.project = q.project)
)
SELECT m.pattern AS mapping_line,
       m.target_type,
       m.target,
       string_agg(DISTINCT m.code, '; ' ORDER BY m.code) AS codes_it_matched,
       sum(m.segments) AS segments
FROM code_mapping m
WHERE (lower(m.target) GLOB lower($target) OR lower(m.target_type || ' ' || m.target) GLOB lower($target))
  AND NOT EXISTS (
        SELECT 1 FROM latest c
        WHERE regexp_replace(regexp_replace(lower(trim(c.path)), '\s+', ' ', 'g'), '\s*/\s*', '/', 'g')
              GLOB regexp_replace(regexp_replace(lower(trim(m.pattern)), '\s+', ' ', 'g'), '\s*/\s*', '/', 'g'))
GROUP BY m.pattern, m.target_type, m.target
ORDER BY m.pattern, m.target_type, m.target
