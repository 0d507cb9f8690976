package sample

import (
	"archive/zip"
	"bytes"
	"compress/flate"
	"encoding/csv"
	"errors"
	"github.com/ourbiggerstory/obs/pipeline/tabular"
	"hash"
	"hash/crc32"
	"io"
	"io/fs"
	"sort"
	"strconv"
	"strings"

	"github.com/xuri/excelize/v2"
)

// Writing files. Workbooks are streamed sheet by sheet; the zip is written
// with its entries in sorted order (excelize orders streamed sheets by map
// iteration), and text cells holding an Excel error become error cells.

// book wraps an excelize file with the styles a sample workbook uses.
type book struct {
	x      *excelize.File
	styles map[string]int
	bold   int
}

func newBook(first string) (*book, error) {
	x := excelize.NewFile()
	x.SetZipWriter(func(w io.Writer) excelize.ZipWriter { return &sortedZip{zw: zip.NewWriter(w)} })
	if err := x.SetSheetName("Sheet1", first); err != nil {
		return nil, err
	}
	if err := x.SetDocProps(&excelize.DocProperties{Creator: "obs sample", Title: "Synthetic Big Local returns",
		Description: Marker, Created: "2024-01-01T00:00:00Z", Modified: "2024-01-01T00:00:00Z"}); err != nil {
		return nil, err
	}
	bold, err := x.NewStyle(&excelize.Style{Font: &excelize.Font{Bold: true}})
	return &book{x: x, styles: map[string]int{}, bold: bold}, err
}

func (b *book) dateStyle(format string) (int, error) {
	if id, ok := b.styles[format]; ok {
		return id, nil
	}
	id, err := b.x.NewStyle(&excelize.Style{CustomNumFmt: &format})
	b.styles[format] = id
	return id, err
}

// write streams one sheet: the header (if any) in row 1, then the rows; a
// blank row is skipped, as Excel stores it.
func (b *book) write(s *sheet, rows func(yield func([]any) bool)) error {
	sw, err := b.x.NewStreamWriter(s.name)
	if err != nil {
		return err
	}
	widths := make([]float64, len(s.header))
	for i, h := range s.header {
		widths[i] = float64(min(30, max(10, len(h)+2)))
	}
	if err := tabular.SetColWidths(sw, widths); err != nil {
		return err
	}
	n := 1
	if s.header != nil {
		hs := make([]any, len(s.header))
		for i, h := range s.header {
			hs[i] = excelize.Cell{StyleID: b.bold, Value: h}
		}
		if err := sw.SetRow("A1", hs); err != nil {
			return err
		}
		n = 2
	}
	var werr error
	rows(func(cells []any) bool {
		if cells != nil {
			vals := make([]any, len(cells))
			for i, c := range cells {
				switch c := c.(type) {
				case xlDate:
					id, err := b.dateStyle(c.format)
					if err != nil {
						werr = err
						return false
					}
					vals[i] = excelize.Cell{StyleID: id, Value: c.day.Time}
				case xlErr:
					vals[i] = string(c)
				default:
					vals[i] = c
				}
			}
			if werr = sw.SetRow("A"+strconv.Itoa(n), vals); werr != nil {
				return false
			}
		}
		n++
		return true
	})
	if werr != nil {
		return werr
	}
	return sw.Flush()
}

func (f *file) xlsxBytes() ([]byte, error) {
	b, err := newBook(f.sheets[0].name)
	if err != nil {
		return nil, err
	}
	defer b.x.Close()
	for _, s := range f.sheets[1:] {
		if _, err := b.x.NewSheet(s.name); err != nil {
			return nil, err
		}
	}
	for _, s := range f.sheets {
		err := b.write(s, func(yield func([]any) bool) {
			for _, r := range s.rows {
				if !yield(r.cells) {
					return
				}
			}
		})
		if err != nil {
			return nil, err
		}
	}
	buf, err := b.x.WriteToBuffer()
	if err != nil {
		return nil, err
	}
	return buf.Bytes(), nil
}

func (f *file) csvBytes() ([]byte, error) {
	var buf bytes.Buffer
	if f.bom {
		buf.WriteString("\ufeff")
	}
	w := csv.NewWriter(&buf)
	s := f.sheets[0]
	if err := w.Write(s.header); err != nil {
		return nil, err
	}
	for _, r := range s.rows {
		rec := make([]string, len(r.cells))
		for i, c := range r.cells {
			switch c := c.(type) {
			case nil:
			case string:
				rec[i] = c
			case int:
				rec[i] = strconv.Itoa(c)
			case float64:
				rec[i] = strconv.FormatFloat(c, 'f', -1, 64)
			case bool:
				rec[i] = strconv.FormatBool(c)
			case xlErr:
				rec[i] = string(c)
			default:
				return nil, errors.New("sample: an Excel-only cell in a CSV file")
			}
		}
		if err := w.Write(rec); err != nil {
			return nil, err
		}
	}
	w.Flush()
	return buf.Bytes(), w.Error()
}

// sortedZip is an excelize.ZipWriter that compresses each entry as it comes
// and writes the entries in name order on Close, so the same workbook gives
// the same bytes.
type sortedZip struct {
	zw      *zip.Writer
	entries []*zipEntry
}

type zipEntry struct {
	name string
	buf  bytes.Buffer
	fw   *flate.Writer
	crc  hash.Hash32
	size uint64
	fix  *errorCells
}

func (z *sortedZip) Create(name string) (io.Writer, error) {
	e := &zipEntry{name: name, crc: crc32.NewIEEE()}
	var err error
	if e.fw, err = flate.NewWriter(&e.buf, flate.DefaultCompression); err != nil {
		return nil, err
	}
	z.entries = append(z.entries, e)
	e.fix = &errorCells{w: e, head: strings.HasPrefix(name, "xl/worksheets/")}
	return e.fix, nil
}

func (e *zipEntry) Write(p []byte) (int, error) {
	e.crc.Write(p)
	e.size += uint64(len(p))
	return e.fw.Write(p)
}

func (z *sortedZip) AddFS(fs.FS) error { return errors.New("sample: AddFS is not supported") }

func (z *sortedZip) Close() error {
	sort.Slice(z.entries, func(i, j int) bool { return entryKey(z.entries[i].name) < entryKey(z.entries[j].name) })
	for _, e := range z.entries {
		if err := e.fix.flush(); err != nil {
			return err
		}
		if err := e.fw.Close(); err != nil {
			return err
		}
		w, err := z.zw.CreateRaw(&zip.FileHeader{Name: e.name, Method: zip.Deflate, CRC32: e.crc.Sum32(),
			CompressedSize64: uint64(e.buf.Len()), UncompressedSize64: e.size})
		if err != nil {
			return err
		}
		if _, err := w.Write(e.buf.Bytes()); err != nil {
			return err
		}
	}
	return z.zw.Close()
}

// entryKey puts [Content_Types].xml first, as Office does.
func entryKey(name string) string {
	if name == "[Content_Types].xml" {
		return ""
	}
	return name
}

// errorCells rewrites inline-string cells holding an Excel error value into
// error cells (t="e") as the bytes pass. In a worksheet it also trims the
// start tag to the two namespaces a plain sheet uses: excelize declares some
// sixty, a kilobyte per sheet once compressed.
type errorCells struct {
	w       io.Writer
	pending []byte
	head    bool // the worksheet start tag is still to trim
}

const worksheetStart = `<worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" ` +
	`xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships">`

var errorPatterns = func() [][2][]byte {
	var ps [][2][]byte
	for _, e := range []string{"#REF!", "#DIV/0!"} {
		ps = append(ps, [2][]byte{[]byte(`t="inlineStr"><is><t>` + e + `</t></is>`), []byte(`t="e"><v>` + e + `</v>`)})
	}
	return ps
}()

const errorPatternMax = len(`t="inlineStr"><is><t>#DIV/0!</t></is>`)

func (c *errorCells) Write(p []byte) (int, error) {
	c.pending = append(c.pending, p...)
	if c.head {
		i := bytes.Index(c.pending, []byte("<worksheet"))
		j := -1
		if i >= 0 {
			j = bytes.IndexByte(c.pending[i:], '>')
		}
		switch {
		case j > 0 && c.pending[i+j-1] != '/':
			c.pending = append(append(append([]byte{}, c.pending[:i]...), worksheetStart...), c.pending[i+j+1:]...)
			c.head = false
		case len(c.pending) < 1<<16:
			return len(p), nil
		default:
			c.head = false
		}
	}
	for _, pat := range errorPatterns {
		c.pending = bytes.ReplaceAll(c.pending, pat[0], pat[1])
	}
	if keep := errorPatternMax - 1; len(c.pending) > keep {
		if _, err := c.w.Write(c.pending[:len(c.pending)-keep]); err != nil {
			return 0, err
		}
		c.pending = append(c.pending[:0], c.pending[len(c.pending)-keep:]...)
	}
	return len(p), nil
}

func (c *errorCells) flush() error {
	_, err := c.w.Write(c.pending)
	c.pending = nil
	return err
}
