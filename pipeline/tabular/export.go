package tabular

import (
	"bufio"
	"context"
	"database/sql"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// ExportTable is one table 'obs export' writes, with its declaration.
type ExportTable struct {
	Name    string
	Doc     string
	Columns []schemas.Column
	Kind    *schemas.Kind // the kind of return it holds, if any
	History bool          // the kind's history table rather than its current view
	Group   string        // reference, returns, history, provenance, results
}

// Partitioned reports whether the table is written partitioned by area.
func (t ExportTable) Partitioned() bool {
	for _, c := range t.Columns {
		if c.Name == "area_id" {
			return true
		}
	}
	return false
}

// ExportTables lists every table an export holds, from schemas: the areas,
// the current rows of every kind of return (and, with history, every row
// ever loaded), the provenance and quarantine tables, and the results.
func ExportTables(history bool) []ExportTable {
	var out []ExportTable
	for _, k := range schemas.Kinds() {
		if k.Reference {
			out = append(out, ExportTable{Name: k.Name, Doc: k.Doc, Columns: k.StoredColumns(), Kind: k, Group: "reference"})
			continue
		}
		cols := k.StoredColumns()
		out = append(out, ExportTable{Name: k.Name, Kind: k, Group: "returns", Columns: cols[:len(cols)-1], // without superseded_by
			Doc: "current rows of the " + k.Name + " returns: " + k.Doc + " (rows replaced by a corrected return are in " + k.HistoryTable() + ")"})
	}
	if history {
		for _, k := range schemas.Kinds() {
			if !k.Reference {
				out = append(out, ExportTable{Name: k.HistoryTable(), Kind: k, History: true, Group: "history", Columns: k.StoredColumns(),
					Doc: "every " + k.Name + " row ever loaded, current or superseded: " + k.Doc})
			}
		}
	}
	for _, t := range append(append([]*schemas.Table{}, schemas.SystemTables...), schemas.QDATables...) {
		out = append(out, ExportTable{Name: t.Name, Doc: t.Doc, Columns: t.Columns, Group: "provenance"})
	}
	for _, t := range schemas.ResultTables {
		out = append(out, ExportTable{Name: t.Name, Doc: t.Doc, Columns: t.Columns, Group: "results"})
	}
	return out
}

// Exported says what Export wrote for one table.
type Exported struct {
	Table ExportTable
	Rows  int64
}

// Export writes each table to dir: Parquet under dir/parquet/TABLE/, split
// by area in the Hive style (area_id=ID/data.parquet; rows with no area
// under area_id=__HIVE_DEFAULT_PARTITION__) for tables with an area_id
// column, else dir/parquet/TABLE/data.parquet; CSV as dir/csv/TABLE.csv (text
// through SafeCell); and the data dictionary, dir/dictionary.md and
// dir/dictionary.csv. Earlier exports of these tables in dir are replaced.
// db must allow writing files (not a read-only store).
func Export(ctx context.Context, db *sql.DB, dir string, tables []ExportTable) ([]Exported, error) {
	var done []Exported
	for _, t := range tables {
		n, err := exportTable(ctx, db, dir, t)
		if err != nil {
			return done, fmt.Errorf("exporting %s: %w", t.Name, err)
		}
		done = append(done, Exported{Table: t, Rows: n})
	}
	if err := writeDictionary(dir, done); err != nil {
		return done, err
	}
	return done, nil
}

func exportTable(ctx context.Context, db *sql.DB, dir string, t ExportTable) (int64, error) {
	cols := make([]string, len(t.Columns))
	for i, c := range t.Columns {
		cols[i] = quoteIdent(c.Name)
	}
	sel := fmt.Sprintf(exportSelectSQL, strings.Join(cols, ", "), quoteIdent(t.Name))
	if key := orderKey(t); key != "" {
		sel += " ORDER BY " + key
	}

	pq := filepath.Join(dir, "parquet", t.Name)
	if err := os.RemoveAll(pq); err != nil {
		return 0, err
	}
	if err := os.MkdirAll(pq, 0o755); err != nil {
		return 0, err
	}
	copyTo := fmt.Sprintf(exportParquetSQL, sel, quoteString(filepath.Join(pq, "data.parquet")))
	if t.Partitioned() {
		copyTo = fmt.Sprintf(exportParquetAreasSQL, sel, quoteString(pq))
	}
	if _, err := db.ExecContext(ctx, copyTo); err != nil {
		return 0, err
	}
	if t.Partitioned() {
		if err := renameSingleFiles(pq); err != nil {
			return 0, err
		}
	}

	if err := os.MkdirAll(filepath.Join(dir, "csv"), 0o755); err != nil {
		return 0, err
	}
	f, err := os.Create(filepath.Join(dir, "csv", t.Name+".csv"))
	if err != nil {
		return 0, err
	}
	rows, err := db.QueryContext(ctx, sel)
	if err != nil {
		f.Close()
		return 0, err
	}
	bw := bufio.NewWriter(f)
	n, err := CopyCSV(bw, rows)
	if err == nil {
		err = bw.Flush()
	}
	if cerr := f.Close(); err == nil {
		err = cerr
	}
	return n, err
}

// orderKey sorts an export by its key, so exports of the same data are the
// same files.
func orderKey(t ExportTable) string {
	if t.Kind != nil && !t.Kind.Reference {
		return "load_id, source_sheet, source_row"
	}
	if len(t.Columns) > 0 {
		return quoteIdent(t.Columns[0].Name)
	}
	return ""
}

// renameSingleFiles names each partition's only file data.parquet (DuckDB
// numbers them: data0.parquet).
func renameSingleFiles(dir string) error {
	parts, err := os.ReadDir(dir)
	if err != nil {
		return err
	}
	for _, p := range parts {
		if !p.IsDir() {
			continue
		}
		files, err := filepath.Glob(filepath.Join(dir, p.Name(), "*.parquet"))
		if err != nil {
			return err
		}
		if len(files) == 1 && filepath.Base(files[0]) != "data.parquet" {
			if err := os.Rename(files[0], filepath.Join(dir, p.Name(), "data.parquet")); err != nil {
				return err
			}
		}
	}
	return nil
}

func quoteIdent(s string) string  { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
func quoteString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }
