package tabular

import (
	"bufio"
	"bytes"
	"fmt"
	"os"
	"path/filepath"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// DictionaryColumns are the columns of dictionary.csv.
var DictionaryColumns = []string{"table", "column", "type", "stored_as", "description", "aliases"}

// Dictionary is the data dictionary of tables: one row per column, with
// its type, its description and, for columns of a return, the headers the
// ingesters accept for it (matched ignoring case, spaces and punctuation).
func Dictionary(tables []ExportTable) *Table {
	t := &Table{Columns: DictionaryColumns}
	for _, et := range tables {
		for _, c := range et.Columns {
			t.Rows = append(t.Rows, []any{et.Name, c.Name, c.Type.String(), c.Type.SQLType(), describe(c), strings.Join(aliases(et, c), "; ")})
		}
	}
	return t
}

func describe(c schemas.Column) string {
	d := c.Doc
	if c.Required {
		d += "; required in a return"
	}
	if len(c.Values) > 0 {
		d += "; one of: " + strings.Join(c.Values, ", ")
	}
	return d
}

// aliases lists the headers accepted for c in et's kind of return.
func aliases(et ExportTable, c schemas.Column) []string {
	if et.Kind == nil {
		return nil
	}
	if kc := et.Kind.Column(c.Name); kc != nil {
		return append([]string{kc.Name}, kc.Aliases...)
	}
	if et.Kind.Reference {
		return nil
	}
	switch {
	case c.Name == "area_id":
		return append(append([]string{}, areaHeaders...), "(or the area in the Return sheet)")
	case c.Name == "period" && et.Kind.HasPeriod:
		return append(append([]string{}, periodHeaders...), "(or the period in the Return sheet)")
	case c.Name == "period" && et.Kind.PeriodFrom != "":
		return []string{"(taken from " + et.Kind.PeriodFrom + ")"}
	}
	return nil
}

// The headers every kind accepts for its area and period, as people write
// them (schemas holds them folded; a test checks the two agree).
var (
	areaHeaders   = []string{"area", "area id", "area name", "big local area"}
	periodHeaders = []string{"period", "year", "reporting year", "reporting period", "financial year"}
)

func writeDictionary(dir string, done []Exported) error {
	tables := make([]ExportTable, len(done))
	for i, d := range done {
		tables[i] = d.Table
	}
	dict := Dictionary(tables)
	var buf bytes.Buffer
	if err := Write(&buf, dict, FormatCSV); err != nil {
		return err
	}
	if err := os.WriteFile(filepath.Join(dir, "dictionary.csv"), buf.Bytes(), 0o644); err != nil {
		return err
	}
	f, err := os.Create(filepath.Join(dir, "dictionary.md"))
	if err != nil {
		return err
	}
	w := bufio.NewWriter(f)
	writeDictionaryMarkdown(w, done)
	if err := w.Flush(); err != nil {
		f.Close()
		return err
	}
	return f.Close()
}

var groupTitles = []struct{ group, title, intro string }{
	{"reference", "Reference", "The areas. Fifteen are built in; an areas return adds more and gives populations."},
	{"returns", "Returns: current rows", "One table per kind of return, holding the current rows: a corrected return for the same area, period and kind replaces the earlier rows, which the database keeps in its history tables ('obs export --history' adds them). Every row keeps the load (file), sheet and row it came from."},
	{"history", "Returns: every row ever loaded", "Current and superseded rows; superseded_by names the load that replaced a row."},
	{"provenance", "Provenance and quarantine", "What was loaded from which file, the rows that broke the data contract, and the code trees of loaded qualitative-analysis projects."},
	{"results", "Results", "What 'obs score' and 'obs classify' computed, with the settings they used."},
}

func writeDictionaryMarkdown(w *bufio.Writer, done []Exported) {
	fmt.Fprintln(w, "# Data dictionary")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Every table of this export, every column, what it holds, and for the columns of a return the")
	fmt.Fprintln(w, "column headers obs accepts for it when loading (matched ignoring case, spaces and punctuation).")
	fmt.Fprintln(w, "The same, as one table, is in dictionary.csv.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "Files: `csv/TABLE.csv`, and `parquet/TABLE/` — split by area for tables with an `area_id`")
	fmt.Fprintln(w, "column (`parquet/TABLE/area_id=ID/data.parquet`, the Hive layout: the area is in the folder")
	fmt.Fprintln(w, "name, not in the file; rows with no area are under `area_id=__HIVE_DEFAULT_PARTITION__`), else")
	fmt.Fprintln(w, "`parquet/TABLE/data.parquet`. Read a whole table with, for example, DuckDB's")
	fmt.Fprintln(w, "`read_parquet('parquet/events/*/*.parquet', hive_partitioning = true)`, R's")
	fmt.Fprintln(w, "`arrow::open_dataset('parquet/events')` or pandas' `read_parquet('parquet/events')`.")
	fmt.Fprintln(w)
	fmt.Fprintln(w, "In the CSV files, a text value starting with = + - @ or a tab or line break starts with a single")
	fmt.Fprintln(w, "quote ('), so that a spreadsheet does not run it as a formula. Periods are stored as the year the")
	fmt.Fprintln(w, "reporting year starts: 2021 is 2021-22. Missing values are empty (CSV) or null (Parquet), never 0.")
	for _, g := range groupTitles {
		var in []Exported
		for _, d := range done {
			if d.Table.Group == g.group {
				in = append(in, d)
			}
		}
		if len(in) == 0 {
			continue
		}
		fmt.Fprintf(w, "\n## %s\n\n%s\n", g.title, g.intro)
		for _, d := range in {
			t := d.Table
			fmt.Fprintf(w, "\n### %s\n\n%s. %s", t.Name, mdText(capitalise(t.Doc)), rowsText(d.Rows))
			if t.Partitioned() {
				fmt.Fprint(w, " Parquet split by area.")
			}
			fmt.Fprintln(w)
			fmt.Fprintln(w)
			fmt.Fprintln(w, "| column | type | description | headers accepted |")
			fmt.Fprintln(w, "|---|---|---|---|")
			for _, c := range t.Columns {
				fmt.Fprintf(w, "| `%s` | %s | %s | %s |\n", c.Name, mdText(c.Type.String()), mdText(describe(c)), mdText(strings.Join(aliases(t, c), ", ")))
			}
		}
	}
}

func rowsText(n int64) string {
	switch n {
	case 0:
		return "No rows in this export (no Parquet files; the CSV has the header only)."
	case 1:
		return "1 row in this export."
	}
	return fmt.Sprintf("%d rows in this export.", n)
}

func capitalise(s string) string {
	if s == "" {
		return s
	}
	return strings.ToUpper(s[:1]) + s[1:]
}

// mdText makes s safe in a Markdown table cell.
func mdText(s string) string {
	return strings.NewReplacer("|", `\|`, "\n", " ", "\r", " ").Replace(s)
}
