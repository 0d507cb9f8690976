-- Returns the settings of the last 'obs classify', by key.
SELECT key, value FROM classify_settings ORDER BY key
