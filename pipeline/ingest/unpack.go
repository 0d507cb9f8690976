package ingest

import (
	"encoding/xml"
	"errors"
	"fmt"
	"io"
	"strings"
)

// ErrUnpacked is the reason a workbook is refused when reading it takes
// more than a file may: more bytes unpacked, or more rows gone through,
// across every read of every part (a sheet is read twice, once for its
// header and once for its rows; parts named by many sheets would be read
// many times).
var ErrUnpacked = errors.New("this workbook unpacks to more than obs reads from one file")

// unpackErr says which limit it met.
type unpackErr struct{ msg string }

func (e *unpackErr) Error() string { return e.msg }
func (e *unpackErr) Unwrap() error { return ErrUnpacked }

// budget counts the work of reading one opened workbook, across all its
// reads, and stops it past the limits.
type budget struct {
	maxBytes, bytes int64
	maxRows, rows   int64
	err             error
}

func newBudget(lim Limits) *budget {
	b := &budget{maxBytes: lim.MaxUnzippedBytes, maxRows: lim.MaxReadRows}
	if b.maxBytes <= 0 {
		b.maxBytes = DefaultLimits.MaxUnzippedBytes
	}
	if b.maxRows <= 0 {
		b.maxRows = DefaultLimits.MaxReadRows
	}
	return b
}

// read counts n bytes unpacked.
func (b *budget) read(n int) error {
	if b.bytes += int64(n); b.bytes > b.maxBytes && b.err == nil {
		b.err = &unpackErr{fmt.Sprintf("this workbook unpacks to more than %d MB as obs reads its sheets (the most it reads from one file); split it into smaller files, or save it again from Excel if it should be small", b.maxBytes>>20)}
	}
	return b.err
}

// row counts one row given out, blank rows the sheet skips included (a
// sheet read without a budget counts nothing).
func (b *budget) row() error {
	if b == nil {
		return nil
	}
	if b.rows++; b.rows > b.maxRows && b.err == nil {
		b.err = &unpackErr{fmt.Sprintf("this workbook holds more than %d rows as obs reads its sheets (the most it reads from one file, blank rows between filled ones included); split it into smaller files, or delete the empty rows at its end", b.maxRows)}
	}
	return b.err
}

// failed is the limit met, if any.
func (b *budget) failed() error {
	if b == nil {
		return nil
	}
	return b.err
}

// counted is a part being unpacked, its bytes counted against the budget.
type counted struct {
	io.ReadCloser
	b *budget
}

func (c counted) Read(p []byte) (int, error) {
	if c.b.err != nil {
		return 0, c.b.err
	}
	n, err := c.ReadCloser.Read(p)
	if e := c.b.read(n); e != nil {
		return n, e
	}
	return n, err
}

// sheetErr is why reading a sheet failed: the budget's own words when it
// ran out, or a damaged file.
func sheetErr(sheet string, after int, err error) error {
	if errors.Is(err, ErrUnpacked) {
		return err
	}
	if after > 0 {
		return fmt.Errorf("%w (sheet %s, after row %d: %v)", ErrDamaged, sheet, after, err)
	}
	return fmt.Errorf("%w (sheet %s: %v)", ErrDamaged, sheet, err)
}

// part opens a part of the package by its path, counted.
func (b *xlsxBook) part(name string) (io.ReadCloser, error) {
	f, ok := b.files[name]
	if !ok {
		f, ok = b.lower[strings.ToLower(name)]
	}
	if !ok {
		return nil, fmt.Errorf("%w: the workbook has no part %s", ErrDamaged, name)
	}
	rc, err := f.Open()
	if err != nil {
		return nil, fmt.Errorf("%w (%s: %v)", ErrDamaged, name, err)
	}
	return counted{rc, b.budget}, nil
}

func (b *xlsxBook) decodeXML(name string, v any) error {
	rc, err := b.part(name)
	if err != nil {
		return err
	}
	defer rc.Close()
	if err := xml.NewDecoder(io.LimitReader(rc, 64<<20)).Decode(v); err != nil {
		if errors.Is(err, ErrUnpacked) {
			return err
		}
		return fmt.Errorf("%w (%s: %v)", ErrDamaged, name, err)
	}
	return nil
}
