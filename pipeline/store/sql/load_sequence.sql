-- Creates the sequence that numbers loads, once.
CREATE SEQUENCE IF NOT EXISTS load_seq START 1
