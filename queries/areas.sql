-- name: areas
-- description: Every area: id, name, local authority, region, population, the reporting years its returns cover and how many of the 12 kinds of return it has sent
SELECT a.name AS area, a.area_id, a.local_authority, a.region, a.population, a.households,
       period_label(p.first_period) AS first_period,
       period_label(p.last_period) AS last_period,
       coalesce(p.kinds, 0) AS kinds_of_return,
       coalesce(a.synthetic, false) AS synthetic
FROM areas a
LEFT JOIN (SELECT area_id, min(period) AS first_period, max(period) AS last_period,
                  count(DISTINCT kind) AS kinds
           FROM load_parts WHERE superseded_by IS NULL AND kind <> 'areas'
           GROUP BY area_id) p USING (area_id)
ORDER BY a.name
