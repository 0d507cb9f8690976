-- Whether any area is synthetic sample data. One line, true or false.
SELECT coalesce(bool_or(synthetic), false) FROM areas
