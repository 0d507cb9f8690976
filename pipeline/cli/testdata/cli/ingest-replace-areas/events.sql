SELECT area_id, period, count(*) AS events FROM events GROUP BY ALL ORDER BY ALL
