package ingest

import (
	"archive/zip"
	"bufio"
	"bytes"
	"encoding/csv"
	"fmt"
	"io"
	"os"
	"path/filepath"
	"strings"
	"unicode/utf8"
)

// Limits for untrusted files.
type Limits struct {
	MaxFileBytes     int64 // a larger file is refused
	MaxUnzippedBytes int64 // a workbook unpacking to more, across all its reads, is refused
	MaxReadRows      int64 // a workbook whose sheets give more rows, across all reads, is refused
	MaxRatio         int64 // compression ratio above which a large part is a zip bomb
	// MaxQuarantined is the most rows a file may have quarantined: past
	// it, or past half the rows of a sheet with at least a thousand
	// quarantined, the file is refused whole (ErrNotThisKind).
	MaxQuarantined int
	TmpDir         string
}

// DefaultLimits suit returns of up to a few million rows.
var DefaultLimits = Limits{MaxFileBytes: 1 << 30, MaxUnzippedBytes: 8 << 30, MaxReadRows: 8 << 20, MaxRatio: 200, MaxQuarantined: 10000}

// tooManyFaults refuses a file whose quarantined rows pass the limits:
// quarantined of rows (not blank) read so far; whole says the sheet is read
// to its end, so that the share of faulty rows counts.
func (lim Limits) tooManyFaults(quarantined, rows int, whole bool) error {
	max := lim.MaxQuarantined
	if max <= 0 {
		max = DefaultLimits.MaxQuarantined
	}
	switch {
	case quarantined > max:
		return fmt.Errorf("%w: more than %d rows would be quarantined; check that it is the right file, with its header row where the template has it", ErrNotThisKind, max)
	case whole && quarantined >= 1000 && quarantined*2 > rows:
		return fmt.Errorf("%w: %d of its %d rows would be quarantined; check that it is the right file, with its header row where the template has it", ErrNotThisKind, quarantined, rows)
	}
	return nil
}

// sheet streams the rows of one sheet (or CSV file).
type sheet interface {
	Name() string
	Next() bool
	Row() []string // raw cell values of the current row
	RowNum() int   // the current row's number as the spreadsheet shows it
	Err() error
	Close() error
}

// workbook is an opened return: its sheets, in order.
type workbook interface {
	Sheets() []string
	Open(name string) (sheet, error)
	Close() error
}

var (
	zipMagic = []byte("PK\x03\x04")
	cfbMagic = []byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}
)

// openWorkbook opens a return; tests replace it to make a reader fail.
var openWorkbook = openFile

// openFile checks the file against the limits and opens it as a workbook.
func openFile(path string, lim Limits) (workbook, error) {
	st, err := os.Stat(path)
	if err != nil {
		return nil, err
	}
	if st.Size() == 0 {
		return nil, ErrEmptyFile
	}
	if st.Size() > lim.MaxFileBytes {
		return nil, fmt.Errorf("%w (%d MB; the limit is %d MB)", ErrTooLarge, st.Size()>>20, lim.MaxFileBytes>>20)
	}
	head := make([]byte, 8)
	f, err := os.Open(path)
	if err != nil {
		return nil, err
	}
	n, _ := io.ReadFull(f, head)
	f.Close()
	head = head[:n]
	ext := strings.ToLower(filepath.Ext(path))
	switch {
	case bytes.HasPrefix(head, cfbMagic):
		return nil, ErrEncrypted
	case bytes.HasPrefix(head, zipMagic):
		return openXLSX(path, st.Size(), lim)
	case ext == ".csv" || ext == ".txt":
		return openCSV(path)
	case ext == ".xlsx" || ext == ".xlsm":
		if looksLikeText(path) {
			return nil, fmt.Errorf("%w: it holds plain text, probably CSV; rename it to .csv and load it again", ErrNotWorkbook)
		}
		return nil, fmt.Errorf("%w: %v", ErrDamaged, "it does not start as a workbook does")
	default:
		return nil, fmt.Errorf("%w: obs reads %s files", ErrNotWorkbook, Accepted)
	}
}

func looksLikeText(path string) bool {
	f, err := os.Open(path)
	if err != nil {
		return false
	}
	defer f.Close()
	buf := make([]byte, 4096)
	n, _ := f.Read(buf)
	return n > 0 && utf8.Valid(buf[:n]) && !bytes.ContainsRune(buf[:n], 0)
}

// zipFault is why checkZip refuses an archive: the reason (ErrDamaged,
// ErrZipBomb) and what it found, which a REFI-QDA refusal words its own way.
type zipFault struct {
	reason error
	detail string
}

func (e *zipFault) Error() string { return fmt.Sprintf("%v (%s)", e.reason, e.detail) }
func (e *zipFault) Unwrap() error { return e.reason }

// checkZip refuses truncated archives and zip bombs before excelize opens them.
func checkZip(path string, size int64, lim Limits) error {
	f, err := os.Open(path)
	if err != nil {
		return err
	}
	defer f.Close()
	zr, err := zip.NewReader(f, size)
	if err != nil {
		return &zipFault{ErrDamaged, err.Error()}
	}
	var total uint64
	for _, e := range zr.File {
		total += e.UncompressedSize64
		if e.UncompressedSize64 > 16<<20 && e.CompressedSize64 > 0 &&
			e.UncompressedSize64/e.CompressedSize64 > uint64(lim.MaxRatio) {
			return &zipFault{ErrZipBomb, fmt.Sprintf("%s: %d bytes packed into %d", e.Name, e.UncompressedSize64, e.CompressedSize64)}
		}
	}
	if total > uint64(lim.MaxUnzippedBytes) {
		return &zipFault{ErrZipBomb, fmt.Sprintf("%d MB unpacked", total>>20)}
	}
	return nil
}

func openXLSX(path string, size int64, lim Limits) (workbook, error) {
	if err := checkZip(path, size, lim); err != nil {
		return nil, err
	}
	return openXLSXFast(path, lim)
}

// csvBook is a CSV file: one sheet named after the file.
type csvBook struct{ path string }

func openCSV(path string) (workbook, error) { return &csvBook{path}, nil }

func (b *csvBook) Sheets() []string {
	return []string{strings.TrimSuffix(filepath.Base(b.path), filepath.Ext(b.path))}
}
func (b *csvBook) Close() error { return nil }
func (b *csvBook) Open(name string) (sheet, error) {
	f, err := os.Open(b.path)
	if err != nil {
		return nil, err
	}
	text, _, err := decodeCSV(f)
	if err != nil {
		f.Close()
		return nil, err
	}
	br := bufio.NewReaderSize(text, 1<<16)
	// Semicolon-separated files come from Excel in some locales; tab-separated
	// ones from its "Unicode text".
	delim := ','
	line, _ := br.Peek(4096)
	first := firstLine(line)
	commas, semis, tabs := bytes.Count(first, []byte(",")), bytes.Count(first, []byte(";")), bytes.Count(first, []byte("\t"))
	switch {
	case tabs > commas && tabs > semis:
		delim = '\t'
	case semis > commas:
		delim = ';'
	}
	r := csv.NewReader(br)
	r.Comma = delim
	r.FieldsPerRecord = -1
	r.LazyQuotes = true
	r.ReuseRecord = true
	return &csvSheet{name: name, f: f, r: r, decimalComma: delim == ';'}, nil
}

func firstLine(b []byte) []byte {
	if i := bytes.IndexByte(b, '\n'); i >= 0 {
		return b[:i]
	}
	return b
}

type csvSheet struct {
	name string
	// decimalComma: a semicolon-separated file, as Excel writes CSV where
	// the comma is the decimal mark (12,5 is twelve and a half).
	decimalComma bool
	f            *os.File
	r            *csv.Reader
	row          []string
	num          int
	err          error
}

func (s *csvSheet) Name() string { return s.name }
func (s *csvSheet) Next() bool {
	if s.err != nil {
		return false
	}
	row, err := s.r.Read()
	if err == io.EOF {
		return false
	}
	if err != nil {
		s.err = fmt.Errorf("%w (%v)", ErrDamaged, err)
		return false
	}
	s.num, _ = s.r.FieldPos(0)
	s.row = row
	return true
}
func (s *csvSheet) Row() []string      { return s.row }
func (s *csvSheet) DecimalComma() bool { return s.decimalComma }
func (s *csvSheet) RowNum() int        { return s.num }
func (s *csvSheet) Err() error         { return s.err }
func (s *csvSheet) Close() error       { return s.f.Close() }
