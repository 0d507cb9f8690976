-- Returns per area, period and project theme how many projects, with the first project's name.
SELECT area_id, period, theme, count(*), first(project ORDER BY project)
FROM projects WHERE theme IS NOT NULL AND theme <> '' AND period IS NOT NULL GROUP BY ALL ORDER BY ALL
