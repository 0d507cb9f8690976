package tabular

import (
	"context"
	"database/sql"
	"database/sql/driver"
	"fmt"
	"io"
	"os"
	"path/filepath"

	"github.com/apache/arrow-go/v18/arrow"
	"github.com/apache/arrow-go/v18/arrow/array"
	"github.com/apache/arrow-go/v18/arrow/ipc"
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
// (Snappy compressed), by DuckDB's own Parquet writer in a private
// in-memory database: the caller's database may be read-only with external
// access disabled, and the result is the same Parquet that 'obs export' writes.
func WriteParquet(w io.Writer, rr array.RecordReader) error {
	for _, f := range rr.Schema().Fields() {
		switch f.Type.ID() {
		case arrow.INTERVAL_MONTHS, arrow.INTERVAL_DAY_TIME, arrow.INTERVAL_MONTH_DAY_NANO:
			return fmt.Errorf("parquet cannot hold column %s, an interval: turn it into text (%s::VARCHAR) or a number of days, or choose another format", f.Name, f.Name)
		}
	}
	dir, err := os.MkdirTemp("", "obs-parquet-")
	if err != nil {
		return err
	}
	defer os.RemoveAll(dir)
	path := filepath.Join(dir, "result.parquet")
	db, err := sql.Open("duckdb", "")
	if err != nil {
		return err
	}
	defer db.Close()
	ctx := context.Background()
	conn, err := db.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	err = conn.Raw(func(dc any) error {
		ar, err := duckdb.NewArrowFromConn(dc.(driver.Conn))
		if err != nil {
			return err
		}
		release, err := ar.RegisterView(rr, "result")
		if err != nil {
			return err
		}
		defer release()
		_, err = dc.(driver.ExecerContext).ExecContext(ctx,
			fmt.Sprintf(resultParquetSQL, quoteString(path), parquetRowGroup), nil)
		return err
	})
	if err != nil {
		return fmt.Errorf("writing parquet: %w", err)
	}
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	_, err = io.Copy(w, f)
	return err
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
