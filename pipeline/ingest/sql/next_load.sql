-- The next load number. One line.
SELECT nextval('load_seq')
