-- Working groups each year, as the facts count them.
SELECT area_id, period, working_groups AS value FROM area_facts
