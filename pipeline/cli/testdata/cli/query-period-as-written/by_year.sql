SELECT area_id, period, count(*) AS rows
FROM volunteering
WHERE period IN ('2021-22', '2022/23')
GROUP BY ALL ORDER BY ALL
