-- Returns one row per area for period $1 and resident definition $2: composite score, rank interval, model, returns and quarantined rows.
SELECT a.area_id, coalesce(a.name, a.area_id), coalesce(a.local_authority, ''), coalesce(a.region, ''), coalesce(a.synthetic, false),
       c.value, c.rank, c.n_areas, c.coverage, coalesce(c.missing_reason, ''),
       u.median_rank, u.rank_p05, u.rank_p95, u.ranked,
       coalesce(k.label, ''), coalesce(k.computed_label, ''),
       coalesce(p.kinds, 0), coalesce(p.loads, 0), coalesce(q.n, 0)
FROM areas a
LEFT JOIN scores c ON c.area_id = a.area_id AND c.definition = 'all' AND c.resident_def IN ($2, '-') AND c.period = $1
LEFT JOIN uncertainty u ON u.area_id = a.area_id AND u.period = $1
LEFT JOIN classifications k ON k.area_id = a.area_id AND k.period = $1
LEFT JOIN (SELECT area_id, count(DISTINCT kind) AS kinds, count(DISTINCT load_id) AS loads FROM load_parts
           WHERE period = $1 AND superseded_by IS NULL AND kind <> 'areas' GROUP BY area_id) p ON p.area_id = a.area_id
LEFT JOIN (SELECT area_id, count(*) AS n FROM quarantine
           WHERE load_id NOT IN (SELECT load_id FROM loads WHERE superseded_by IS NOT NULL) GROUP BY area_id) q ON q.area_id = a.area_id
ORDER BY a.name
