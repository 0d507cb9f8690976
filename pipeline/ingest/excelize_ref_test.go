package ingest

import (
	"errors"
	"fmt"

	"github.com/xuri/excelize/v2"
)

// excelBook reads a workbook with excelize's streaming Rows() and raw cell
// values: the reference the fast reader is held to.
type excelBook struct{ f *excelize.File }

func openExcelize(path string, lim Limits) (workbook, error) {
	f, err := excelize.OpenFile(path, excelize.Options{
		UnzipSizeLimit:    lim.MaxUnzippedBytes,
		UnzipXMLSizeLimit: 64 << 20, // larger sheets stream from a temporary file
		TmpDir:            lim.TmpDir,
	})
	if err != nil {
		if errors.Is(err, excelize.ErrWorkbookFileFormat) {
			return nil, fmt.Errorf("%w: %v", ErrNotWorkbook, err)
		}
		return nil, fmt.Errorf("%w (%v)", ErrDamaged, err)
	}
	return &excelBook{f}, nil
}

func (b *excelBook) Sheets() []string { return b.f.GetSheetList() }
func (b *excelBook) Close() error     { return b.f.Close() }
func (b *excelBook) Open(name string) (sheet, error) {
	rows, err := b.f.Rows(name)
	if err != nil {
		return nil, fmt.Errorf("%w (sheet %s: %v)", ErrDamaged, name, err)
	}
	return &xlsxSheet{name: name, rows: rows}, nil
}

type xlsxSheet struct {
	name string
	rows *excelize.Rows
	row  []string
	num  int
	err  error
}

func (s *xlsxSheet) Name() string { return s.name }
func (s *xlsxSheet) Next() bool {
	if s.err != nil || !s.rows.Next() {
		return false
	}
	s.num++
	s.row, s.err = s.rows.Columns(excelize.Options{RawCellValue: true})
	return s.err == nil
}
func (s *xlsxSheet) Row() []string { return s.row }
func (s *xlsxSheet) RowNum() int   { return s.num }
func (s *xlsxSheet) Err() error {
	if s.err != nil {
		return s.err
	}
	return s.rows.Error()
}
func (s *xlsxSheet) Close() error { return s.rows.Close() }
