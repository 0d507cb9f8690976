-- Returns the console copy's lock_configuration and enable_external_access settings, as text.
SELECT current_setting('lock_configuration')::VARCHAR, current_setting('enable_external_access')::VARCHAR
