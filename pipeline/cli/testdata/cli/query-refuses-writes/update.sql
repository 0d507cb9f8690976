UPDATE areas SET name = 'x'
