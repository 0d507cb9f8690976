-- Finds tables in the attached copy; whatever is made goes to memory.
SET search_path = 'memory.main,obs.main'
