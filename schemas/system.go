package schemas

import (
	"fmt"
	"strings"
)

// Table is a table of the pipeline's own (provenance, quarantine, results).
type Table struct {
	Name    string
	Doc     string
	Columns []Column
}

// DDL returns the CREATE TABLE statement for t; its first column is the key.
func (t *Table) DDL() string { return createTable(t.Name, t.Columns, true) }

// AddColumns returns the statements that give a table made by an older obs
// the columns added since (they are no-ops on a table that has them).
func (t *Table) AddColumns() []string {
	var out []string
	for _, c := range t.Columns[1:] {
		out = append(out, fmt.Sprintf("ALTER TABLE %s ADD COLUMN IF NOT EXISTS %s %s", t.Name, c.Name, c.Type.SQLType()))
	}
	return out
}

// Loads records every file loaded: one row per file.
var Loads = &Table{Name: "loads", Doc: "one row per file loaded (provenance)", Columns: []Column{
	{Name: "load_id", Type: Count, Doc: "the load's number"},
	{Name: "file", Type: Text, Doc: "file name as given to obs ingest"},
	{Name: "sha256", Type: Text, Doc: "SHA-256 of the file's bytes; the same bytes are never loaded twice"},
	{Name: "sheets", Type: Text, Doc: "sheets read, comma-separated"},
	{Name: "kinds", Type: Text, Doc: "kinds of return found, comma-separated"},
	{Name: "rows_read", Type: Count, Doc: "data rows in the file (not counting headers)"},
	{Name: "rows_loaded", Type: Count, Doc: "rows stored"},
	{Name: "rows_quarantined", Type: Count, Doc: "rows quarantined"},
	{Name: "rows_blank", Type: Count, Doc: "blank rows skipped"},
	{Name: "first_row", Type: Count, Doc: "first data row number"},
	{Name: "last_row", Type: Count, Doc: "last data row number"},
	{Name: "loaded_at", Type: Text, Doc: "when (UTC, RFC 3339)"},
	{Name: "loaded_by", Type: Text, Doc: "who ran the load (pseudonym of the account)"},
	{Name: "superseded_by", Type: Count, Doc: "the load that replaced every part of this one, if any"},
}}

// LoadParts records, for each load, each kind, area and period it brought.
// Supersession works on parts: a later load of the same kind, area and period
// replaces the earlier part.
var LoadParts = &Table{Name: "load_parts", Doc: "what each load brought, by kind, area and period", Columns: []Column{
	{Name: "part_id", Type: Text, Doc: "load_id/kind/area/period"},
	{Name: "load_id", Type: Count, Doc: "the load"},
	{Name: "kind", Type: Text, Doc: "kind of return"},
	{Name: "area_id", Type: Area, Doc: "the area"},
	{Name: "period", Type: ReportingYear, Doc: "the period"},
	{Name: "sheet", Type: Text, Doc: "the sheet"},
	{Name: "first_row", Type: Count, Doc: "first row number"},
	{Name: "last_row", Type: Count, Doc: "last row number"},
	{Name: "rows", Type: Count, Doc: "rows stored"},
	{Name: "superseded_by", Type: Count, Doc: "the later load that replaced this part, if any"},
}}

// Quarantine holds every row that broke the contract, with where and why.
var Quarantine = &Table{Name: "quarantine", Doc: "rows that broke the data contract, with where and why", Columns: []Column{
	{Name: "quarantine_id", Type: Text, Doc: "load_id/sheet/row/column"},
	{Name: "load_id", Type: Count, Doc: "the load"},
	{Name: "file", Type: Text, Doc: "file name"},
	{Name: "sheet", Type: Text, Doc: "sheet"},
	{Name: "row", Type: Count, Doc: "row number as the spreadsheet shows it"},
	{Name: "col", Type: Text, Doc: "column letter (empty when the row as a whole is at fault)"},
	{Name: "column_name", Type: Text, Doc: "the column's canonical name"},
	{Name: "kind", Type: Text, Doc: "kind of return"},
	{Name: "area_id", Type: Area, Doc: "the area, when it could be read"},
	{Name: "error_type", Type: Text, Doc: "unknown-area, type-error, missing-cell, constraint-error, duplicate-row, excel-error..."},
	{Name: "message", Type: Text, Doc: "what is wrong and what to do"},
	{Name: "raw", Type: Text, Doc: "the row's cells as JSON, names replaced by pseudonyms"},
	{Name: "period", Type: ReportingYear, Doc: "the period the return gives for all its rows (its Return sheet), if any"},
}}

// Rechecks records every re-check of quarantined rows: rows that pass now
// join their own load (its file, sheet and row kept) and this says when,
// by whom and how many.
var Rechecks = &Table{Name: "rechecks", Doc: "each re-check of a load's quarantined rows", Columns: []Column{
	{Name: "recheck_id", Type: Count, Doc: "numbered with the loads, so the last change to the data has the highest number"},
	{Name: "load_id", Type: Count, Doc: "the load whose quarantined rows were re-checked"},
	{Name: "how", Type: Text, Doc: "'file loaded again' (with its settings) or 'obs recheck'"},
	{Name: "rows_checked", Type: Count, Doc: "quarantined rows re-checked"},
	{Name: "rows_loaded", Type: Count, Doc: "of those, rows that passed and were loaded"},
	{Name: "checked_at", Type: Text, Doc: "when (UTC, RFC 3339)"},
	{Name: "checked_by", Type: Text, Doc: "who ran it (pseudonym of the account)"},
}}

// Replacements records every time a load replaced current rows: which
// kind, area and period, whose rows, how many by how many, and why.
var Replacements = &Table{Name: "replacements", Doc: "current rows a load replaced, by kind, area and period", Columns: []Column{
	{Name: "replacement_id", Type: Text, Doc: "load_id/kind/area/period/replaced_load"},
	{Name: "load_id", Type: Count, Doc: "the load that replaced the rows"},
	{Name: "kind", Type: Text, Doc: "kind of return"},
	{Name: "area_id", Type: Area, Doc: "the area"},
	{Name: "period", Type: ReportingYear, Doc: "the period"},
	{Name: "replaced_load", Type: Count, Doc: "the earlier load whose rows were replaced"},
	{Name: "replaced_rows", Type: Count, Doc: "how many current rows of that load were replaced"},
	{Name: "rows", Type: Count, Doc: "how many rows the new load brought for this kind, area and period"},
	{Name: "reason", Type: Text, Doc: "corrected (a return of the same file name) or chosen (the evaluator chose to replace)"},
}}

// Audit records who did each change through the web interface: loads,
// re-checks, recomputes, overrides and changes of settings.
var Audit = &Table{Name: "audit", Doc: "who changed what through the web interface, and when", Columns: []Column{
	{Name: "audit_id", Type: Count, Doc: "numbered in order"},
	{Name: "changed_at", Type: Text, Doc: "when (UTC, RFC 3339)"},
	{Name: "changed_by", Type: Text, Doc: "who did it (a pseudonym; names are never stored)"},
	{Name: "action", Type: Text, Doc: "load, recheck, recompute, override or settings"},
	{Name: "detail", Type: Text, Doc: "what it was: files and loads, labels, settings"},
}}

// MethodVersions records every saved version of the method (obs method,
// the web's Method page): its settings, who saved it and why. A version is
// never changed or deleted; restoring one saves a copy as a new version.
var MethodVersions = &Table{Name: "method_versions", Doc: "each saved version of the method: settings, who saved it, when and why", Columns: []Column{
	{Name: "version", Type: Count, Doc: "the version's number, 1 for the first saved"},
	{Name: "saved_at", Type: Text, Doc: "when (UTC, RFC 3339)"},
	{Name: "saved_by", Type: Text, Doc: "who saved it (a pseudonym; names are never stored)"},
	{Name: "note", Type: Text, Doc: "what changed, or 'restored from version N'"},
	{Name: "normalisation", Type: Text, Doc: "what the composite averages (obs score --normalisation)"},
	{Name: "aggregation", Type: Text, Doc: "arithmetic or geometric mean (obs score --aggregation)"},
	{Name: "coverage_threshold", Type: Number, Doc: "the composite is missing below this share of the weight (obs score --coverage)"},
	{Name: "seed", Type: Text, Doc: "seed of the Monte Carlo and of the labels' stability draws (--seed)"},
	{Name: "hybrid_margin", Type: Number, Doc: "the top two memberships within this make a hybrid (obs classify --margin)"},
}}

// MethodFiles holds the files of each saved version, their text exactly as
// the flags read them.
var MethodFiles = &Table{Name: "method_files", Doc: "the files of each saved version of the method (weights, rubric and its .sql files, codebook, overrides)", Columns: []Column{
	{Name: "file_id", Type: Text, Doc: "version/name"},
	{Name: "version", Type: Count, Doc: "the version (method_versions)"},
	{Name: "name", Type: Text, Doc: "weights.csv, rubric.csv, codebook.csv, overrides.csv, goalposts.csv, or a .sql file as the rubric names it"},
	{Name: "text", Type: Text, Doc: "the file's text (evaluators in overrides.csv as pseudonyms)"},
}}

// SystemTables lists the pipeline's own tables.
var SystemTables = []*Table{Loads, LoadParts, Quarantine, Rechecks, Replacements, Audit, MethodVersions, MethodFiles}

func createTable(name string, cols []Column, key bool) string {
	var b strings.Builder
	fmt.Fprintf(&b, "CREATE TABLE IF NOT EXISTS %s (\n", name)
	for i, c := range cols {
		if i > 0 {
			b.WriteString(",\n")
		}
		fmt.Fprintf(&b, "  %s %s", c.Name, c.Type.SQLType())
	}
	if key {
		fmt.Fprintf(&b, ",\n  PRIMARY KEY (%s)", cols[0].Name)
	}
	b.WriteString("\n)")
	return b.String()
}
