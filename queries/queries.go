// Package queries holds the project's SQL as files, embedded into obs: the
// query library (the *.sql files in this folder, run by 'obs query NAME' and
// listed by 'obs queries'), and in definitions.go the definitions of
// "resident-led" and the default rubric, weights and codebook.
package queries

import "embed"

// Library holds the saved queries, one per file NAME.sql. Each starts with
// a header of comment lines:
//
//	-- name: NAME
//	-- description: one line saying what question it answers
//	-- param: NAME TYPE DEFAULT DESCRIPTION   (one line per parameter)
//
// and uses its parameters as $NAME. See pipeline/query.
//
//go:embed *.sql
var Library embed.FS
