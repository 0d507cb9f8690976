-- Returns nothing: makes the empty temporary table code_targets the codebook's mappings go into.
CREATE OR REPLACE TEMP TABLE code_targets (code VARCHAR, target_type VARCHAR, target VARCHAR)
