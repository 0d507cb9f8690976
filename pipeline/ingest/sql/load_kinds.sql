-- Sets the kinds a load brought ($1, a list) on the load ($2).
UPDATE loads SET kinds = ? WHERE load_id = ?
