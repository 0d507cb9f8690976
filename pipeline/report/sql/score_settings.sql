-- Returns the settings of the last 'obs score', by key.
SELECT key, value FROM score_settings ORDER BY key
