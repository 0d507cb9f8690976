-- Returns each area and period with returns.
SELECT area_id, period FROM area_periods WHERE returned
