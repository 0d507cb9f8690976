-- Empties the holding table of areas once they are in the areas table.
DELETE FROM areas_incoming
