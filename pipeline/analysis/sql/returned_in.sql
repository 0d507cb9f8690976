-- Returns each area and period of one kind of return (the table's name filled in with fmt).
SELECT area_id, period FROM %s
