-- name: approaches
-- description: The approaches each area takes (capacity building, services, neighbourliness, large-scale development, resident voice) and its focus (plan, or stepping stone), with the evidence behind each
-- param: area area null the area's id or name (default: every area)
-- param: period period null the reporting year, e.g. 2021-22 (default: every year)
-- param: tag text null one approach or focus only, e.g. resident voice (default: all)
--
-- codes are the interview segments the codebook maps to the tag; projects
-- the projects whose theme it maps to; evidence is an example.
SELECT a.name AS area, ap.area_id,
       period_label(ap.period) AS period,
       ap.tag_type,
       ap.tag,
       ap.codes,
       ap.projects,
       ap.evidence
FROM approaches ap
LEFT JOIN areas a ON a.area_id = ap.area_id
WHERE ($area IS NULL OR ap.area_id = $area)
  AND (CAST($period AS INTEGER) IS NULL OR ap.period = CAST($period AS INTEGER))
  AND ($tag IS NULL OR lower(ap.tag) = lower(trim($tag)))
ORDER BY a.name, ap.period, ap.tag_type, ap.tag
