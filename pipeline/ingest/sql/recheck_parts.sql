-- The parts a re-check brought ($1 its load) join the load's own parts. A
-- part the load did not have before is current, unless a later load brought
-- the same kind, area and period: then it is replaced by the first such
-- load, as it would have been had the rows loaded the first time.
UPDATE load_parts p SET rows = p.rows + n.rows,
       first_row = least(p.first_row, n.first_row), last_row = greatest(p.last_row, n.last_row)
FROM recheck_parts n WHERE p.part_id = n.part_id;

INSERT INTO load_parts BY NAME
SELECT n.* EXCLUDE (superseded_by),
       (SELECT min(o.load_id) FROM load_parts o
        WHERE o.kind = n.kind AND o.area_id = n.area_id AND o.period IS NOT DISTINCT FROM n.period
          AND o.load_id > n.load_id AND n.kind <> 'areas') AS superseded_by
FROM recheck_parts n WHERE n.part_id NOT IN (SELECT part_id FROM load_parts);

DELETE FROM recheck_parts;

UPDATE loads SET rows_loaded = rows_loaded + $2, rows_quarantined = rows_quarantined - $2
WHERE load_id = $1
