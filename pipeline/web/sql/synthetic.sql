-- Returns whether any area holds synthetic data.
SELECT coalesce(bool_or(synthetic), false) FROM areas
