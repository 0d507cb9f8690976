SELECT l.file, h.source_sheet, h.source_row, h.load_id, h.area_id, h.event
FROM events_history h JOIN loads l USING (load_id) ORDER BY h.source_row
