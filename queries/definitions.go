package queries

import "embed"

// Definitions holds the definitions of "resident-led", one SQL file each
// (definitions/*.sql), and the helpers they share (files whose name starts
// with "_"). 'obs score' runs them all; adding a file adds a definition.
//
//go:embed definitions/*.sql
var Definitions embed.FS

// Defaults holds the files 'obs score' and 'obs classify' use unless told
// otherwise: the rubric, the weights, the codebook, an overrides example, and
// the facts the rubric's expressions can use. An evaluator copies one, edits
// it, and passes it with --rubric, --weights, --codebook or --overrides.
//
//go:embed defaults/*
var Defaults embed.FS

// QCA holds the QCA analyses of obs's own data, one SQL file each
// (qca/NAME.sql, with a header saying how each column is calibrated; see
// pipeline/qca's Analysis). 'obs qca NAME' runs one; adding a file adds one.
//
//go:embed qca/*.sql
var QCA embed.FS
