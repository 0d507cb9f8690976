package tabular

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
	"github.com/apache/arrow-go/v18/parquet"
	"github.com/apache/arrow-go/v18/parquet/compress"
	"github.com/apache/arrow-go/v18/parquet/pqarrow"
	"github.com/duckdb/duckdb-go/v2"
)

// parquetRowGroup is the rows per Parquet row group (DuckDB's own default).
const parquetRowGroup = 122880

// WriteQuery runs query with args on db and writes its result to w in any
// format. Parquet and Arrow are written from DuckDB's Arrow interface, all
// in process: it works on a read-only database with external access
// disabled, where COPY ... TO cannot. "arrow" is the Arrow IPC file format
// (Feather version 2, read by pyarrow, R's arrow and DuckDB). args may be
// sql.Named values for $name parameters.
func WriteQuery(ctx context.Context, db *sql.DB, query string, args []any, w io.Writer, format string) error {
	switch format {
	case FormatParquet, FormatArrow:
		conn, err := db.Conn(ctx)
		if err != nil {
			return err
		}
		defer conn.Close()
		return conn.Raw(func(dc any) error {
			ar, err := duckdb.NewArrowFromConn(dc.(driver.Conn))
			if err != nil {
				return err
			}
			rr, err := ar.QueryContext(ctx, query, args...)
			if err != nil {
				return err
			}
			defer rr.Release()
			if format == FormatParquet {
				return WriteParquet(w, rr)
			}
			return WriteArrow(w, rr)
		})
	case FormatCSV:
		rows, err := db.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		_, err = CopyCSV(w, rows)
		return err
	case FormatTable, FormatJSON, FormatXLSX:
		rows, err := db.QueryContext(ctx, query, args...)
		if err != nil {
			return err
		}
		t, _, err := FromRows(rows, 0)
		if err != nil {
			return err
		}
		return Write(w, t, format)
	}
	return formatErr(format)
}

// WriteParquet writes the record batches of rr to w as one Parquet file
// (Snappy compressed, with the Arrow schema stored so types read back
// exactly).
func WriteParquet(w io.Writer, rr array.RecordReader) error {
	for _, f := range rr.Schema().Fields() {
		switch f.Type.ID() {
		case arrow.INTERVAL_MONTHS, arrow.INTERVAL_DAY_TIME, arrow.INTERVAL_MONTH_DAY_NANO:
			return fmt.Errorf("parquet cannot hold column %s, an interval: turn it into text (%s::VARCHAR) or a number of days, or choose another format", f.Name, f.Name)
		}
	}
	props := parquet.NewWriterProperties(
		parquet.WithCompression(compress.Codecs.Snappy),
		parquet.WithMaxRowGroupLength(parquetRowGroup),
	)
	// Hide w's Close, if any: the Parquet writer would close it (stdout too).
	fw, err := pqarrow.NewFileWriter(rr.Schema(), struct{ io.Writer }{w}, props, pqarrow.NewArrowWriterProperties(pqarrow.WithStoreSchema()))
	if err != nil {
		return fmt.Errorf("writing parquet: %w", err)
	}
	for rr.Next() {
		if err := fw.WriteBuffered(rr.RecordBatch()); err != nil {
			fw.Close()
			return fmt.Errorf("writing parquet: %w", err)
		}
	}
	if err := rr.Err(); err != nil {
		fw.Close()
		return err
	}
	return fw.Close()
}

// WriteArrow writes the record batches of rr to w as an Arrow IPC file.
func WriteArrow(w io.Writer, rr array.RecordReader) error {
	fw, err := ipc.NewFileWriter(struct{ io.Writer }{w}, ipc.WithSchema(rr.Schema()))
	if err != nil {
		return fmt.Errorf("writing arrow: %w", err)
	}
	for rr.Next() {
		if err := fw.Write(rr.RecordBatch()); err != nil {
			fw.Close()
			return fmt.Errorf("writing arrow: %w", err)
		}
	}
	if err := rr.Err(); err != nil {
		fw.Close()
		return err
	}
	return fw.Close()
}
