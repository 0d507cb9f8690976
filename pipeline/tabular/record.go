package tabular

import (
	"bufio"
	"fmt"
	"io"
	"strings"

	"github.com/xuri/excelize/v2"
)

// A Record says where a table came from: the query, its parameters, when it
// was made, the data's checksum, the synthetic notice. A download carries
// it so that a file found months later still explains itself.
type Record []Fact

// Fact is one line of a Record: "Query" and "compare_areas", say. A value
// may run over several lines (the SQL).
type Fact struct{ Name, Value string }

// RecordSheet is the name of the sheet WriteRecorded adds to a workbook.
const RecordSheet = "About this file"

// WriteRecorded writes t as Write does, with rec: in a CSV as comment lines
// starting with # before the header; in a workbook as a second sheet. With
// no record it is Write.
func WriteRecorded(w io.Writer, t *Table, format string, rec Record) error {
	if len(rec) == 0 {
		return Write(w, t, format)
	}
	switch format {
	case FormatCSV:
		bw := bufio.NewWriter(w)
		fmt.Fprintln(bw, "# Lines starting with # say where this file came from; the data start at the header after them (in pandas: read_csv(..., comment='#'); in R: read.csv(..., comment.char='#')).")
		for _, f := range rec {
			for _, line := range strings.Split(strings.TrimRight(f.Value, "\n"), "\n") {
				fmt.Fprintf(bw, "# %s: %s\n", f.Name, strings.TrimRight(line, "\r"))
			}
		}
		if err := bw.Flush(); err != nil {
			return err
		}
		return writeCSV(w, t)
	case FormatXLSX:
		f := excelize.NewFile()
		defer f.Close()
		if err := f.SetSheetName("Sheet1", "Results"); err != nil {
			return err
		}
		if err := AddSheet(f, "Results", t); err != nil {
			return err
		}
		about := &Table{Columns: []string{"about", "value"}, Types: []string{"VARCHAR", "VARCHAR"}}
		for _, x := range rec {
			about.Rows = append(about.Rows, []any{x.Name, x.Value})
		}
		if err := AddSheet(f, RecordSheet, about); err != nil {
			return err
		}
		return WriteWorkbook(f, w)
	}
	return Write(w, t, format)
}
