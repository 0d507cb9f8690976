-- Returns, per reporting year, the kinds of current return area $1 has sent.
SELECT period, list(DISTINCT kind ORDER BY kind) FROM load_parts
WHERE area_id = $1 AND superseded_by IS NULL AND period IS NOT NULL AND kind <> 'areas' GROUP BY period ORDER BY period
