package ingest

import (
	"archive/zip"
	"bytes"
	"cmp"
	"fmt"
	"io"
	"path"
	"strconv"
	"strings"
)

// A streaming reader of .xlsx worksheets. It reads the same raw cell values
// as excelize's Rows() with RawCellValue (a test holds the two to the same
// rows), about five times faster: excelize decodes each cell through
// encoding/xml, which was 90% of a load's time. Workbooks are still written
// with excelize.

type xlsxBook struct {
	zr       *zip.ReadCloser
	files    map[string]*zip.File
	lower    map[string]*zip.File // by lower-case name: some programs disagree on case
	names    []string
	paths    map[string]string // sheet name -> part in the zip
	shared   []string          // shared strings, read on the first Open
	sharedOK bool
	date1904 bool
	maxPart  int64   // the largest part it will unpack
	budget   *budget // what every read of its parts may take, together
	// timeStyles: the cell styles that show a time of day (xlsx_styles.go).
	timeStyles map[string]bool
	stylesOK   bool
	notes      []string // what the load should say of the workbook (Notes)
}

func openXLSXFast(p string, lim Limits) (*xlsxBook, error) {
	zr, err := zip.OpenReader(p)
	if err != nil {
		return nil, fmt.Errorf("%w (%v)", ErrDamaged, err)
	}
	b := &xlsxBook{zr: zr, files: map[string]*zip.File{}, lower: map[string]*zip.File{}, paths: map[string]string{}, maxPart: lim.MaxUnzippedBytes, budget: newBudget(lim)}
	for _, f := range zr.File {
		b.files[strings.TrimPrefix(f.Name, "/")] = f
		b.lower[strings.ToLower(strings.TrimPrefix(f.Name, "/"))] = f
	}
	if err := b.readWorkbook(); err != nil {
		zr.Close()
		return nil, err
	}
	return b, nil
}

func (b *xlsxBook) Sheets() []string { return b.names }

// has says the package holds a part (its name's case aside).
func (b *xlsxBook) has(name string) bool {
	_, ok := b.files[name]
	if !ok {
		_, ok = b.lower[strings.ToLower(name)]
	}
	return ok
}
func (b *xlsxBook) Close() error   { return b.zr.Close() }
func (b *xlsxBook) Date1904() bool { return b.date1904 }

type xmlRels struct {
	Rels []struct {
		ID     string `xml:"Id,attr"`
		Target string `xml:"Target,attr"`
		Type   string `xml:"Type,attr"`
	} `xml:"Relationship"`
}

// readWorkbook finds the sheets, in order, and where each is stored.
func (b *xlsxBook) readWorkbook() error {
	wbPath := "xl/workbook.xml"
	var root xmlRels
	if _, ok := b.files["_rels/.rels"]; ok {
		if err := b.decodeXML("_rels/.rels", &root); err != nil {
			return err
		}
		for _, r := range root.Rels {
			if strings.HasSuffix(r.Type, "/officeDocument") {
				wbPath = strings.TrimPrefix(path.Clean("/"+r.Target), "/")
			}
		}
	}
	if !b.has(wbPath) {
		return fmt.Errorf("%w: it has no workbook part", ErrNotWorkbook)
	}
	var wb struct {
		Pr struct {
			Date1904 string `xml:"date1904,attr"`
		} `xml:"workbookPr"`
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"id,attr"` // r:id, in either the transitional or the strict namespace
		} `xml:"sheets>sheet"`
	}
	if err := b.decodeXML(wbPath, &wb); err != nil {
		return err
	}
	b.date1904 = wb.Pr.Date1904 == "1" || strings.EqualFold(wb.Pr.Date1904, "true")
	dir := path.Dir(wbPath)
	relsPath := path.Join(dir, "_rels", path.Base(wbPath)+".rels")
	var rels xmlRels
	if err := b.decodeXML(relsPath, &rels); err != nil {
		return err
	}
	targets := map[string]string{}
	worksheets := map[string]bool{}
	for _, r := range rels.Rels {
		worksheets[r.ID] = strings.HasSuffix(r.Type, "/worksheet")
		t := r.Target
		if strings.HasPrefix(t, "/") {
			t = strings.TrimPrefix(path.Clean(t), "/")
		} else {
			t = path.Clean(path.Join(dir, t))
		}
		targets[r.ID] = t
		if strings.HasSuffix(r.Type, "/sharedStrings") {
			targets["#shared"] = t
		}
		if strings.HasSuffix(r.Type, "/styles") {
			targets["#styles"] = t
		}
	}
	parts := map[string]string{} // part -> the sheet stored in it
	for _, s := range wb.Sheets {
		t, ok := targets[s.ID]
		if !ok || !worksheets[s.ID] {
			continue // a chart sheet, or a reference to nothing: no rows to read
		}
		if !b.has(t) {
			return fmt.Errorf("%w: its sheet %s is missing from the file (%s)", ErrDamaged, s.Name, t)
		}
		if other, ok := parts[strings.ToLower(t)]; ok {
			// Excel gives every sheet its own part; sheets sharing one would
			// make obs read the same rows again and again.
			return fmt.Errorf("%w: its sheets %s and %s are stored in the same part (%s), which Excel never does", ErrDamaged, other, s.Name, t)
		}
		parts[strings.ToLower(t)] = s.Name
		b.names = append(b.names, s.Name)
		b.paths[s.Name] = t
	}
	for _, part := range []string{"#shared", "#styles"} {
		if t, ok := targets[part]; ok {
			b.paths[part] = t
		}
	}
	return nil
}

// Notes are what the evaluator should know of how the workbook was read.
func (b *xlsxBook) Notes() []string { return b.notes }

func (b *xlsxBook) Open(name string) (sheet, error) {
	if !b.sharedOK {
		if err := b.readShared(); err != nil {
			return nil, err
		}
	}
	if !b.stylesOK {
		b.readTimeStyles()
	}
	p, ok := b.paths[name]
	if !ok {
		return nil, fmt.Errorf("%w: no sheet %s", ErrDamaged, name)
	}
	rc, err := b.part(p)
	if err != nil {
		return nil, err
	}
	return &fastSheet{name: name, rc: rc, sc: newScanner(io.LimitReader(rc, b.maxPart)), shared: b.shared, timeStyles: b.timeStyles, budget: b.budget}, nil
}

// fastSheet streams one worksheet's rows. Rows the sheet leaves out come
// back as blank rows, so row numbers are the spreadsheet's own. A row's
// slice is reused for the next (as the CSV reader's is), and short values
// that repeat (numbers, dates, areas) are made into strings once, so
// reading a cell allocates nothing once its value has been seen.
type fastSheet struct {
	name     string
	rc       io.ReadCloser
	sc       *scanner
	shared   []string
	interned map[string]string
	cells    []string // the row being read, reused
	val      []byte   // the cell being read, reused
	row      []string
	num      int      // the current row's number
	pending  []string // a row read ahead while blank rows before it are given
	pendNum  int
	done     bool
	err      error
	// timeStyles, times: the styles that show a time of day, and which
	// cells of the current row (pendTimes: of the pending row) have one.
	timeStyles       map[string]bool
	times, pendTimes []bool
	budget           *budget
}

func (s *fastSheet) Name() string  { return s.name }
func (s *fastSheet) Row() []string { return s.row }
func (s *fastSheet) RowNum() int   { return s.num }
func (s *fastSheet) Err() error    { return s.err }
func (s *fastSheet) Close() error  { return s.rc.Close() }

func (s *fastSheet) Next() bool {
	if s.err != nil {
		return false
	}
	if s.pending == nil && !s.done {
		s.pending, s.pendNum, s.err = s.readRow(s.num)
		if s.err != nil {
			s.err = cmp.Or(s.budget.failed(), s.err)
			return false
		}
		if s.pending == nil {
			s.done = true
		}
	}
	if s.pending == nil {
		return false
	}
	s.num++
	if s.err = s.budget.row(); s.err != nil {
		return false
	}
	if s.num < s.pendNum {
		s.row, s.times = nil, nil // a row the sheet does not hold
		return true
	}
	s.row, s.pending, s.times = s.pending, nil, s.pendTimes
	return true
}

// readRow reads the next <row>, its number, and its cells by column.
func (s *fastSheet) readRow(prev int) ([]string, int, error) {
	s.pendTimes = nil
	for {
		tok, err := s.sc.next()
		if err == io.EOF {
			return nil, 0, nil
		}
		if err != nil {
			return nil, 0, fmt.Errorf("%w (%v)", ErrDamaged, err)
		}
		if tok.kind == tokEnd && string(tok.name) == "sheetData" {
			return nil, 0, nil
		}
		if (tok.kind != tokStart && tok.kind != tokEmpty) || string(tok.name) != "row" {
			continue
		}
		num := prev + 1
		if r, ok := tagAttr(tok.attrs, "r"); ok {
			n, err := strconv.Atoi(r)
			if err != nil || n <= prev || n > 1048576 {
				return nil, 0, fmt.Errorf("%w (row number %q after row %d)", ErrDamaged, r, prev)
			}
			num = n
		}
		if tok.kind == tokEmpty {
			return []string{}, num, nil
		}
		cells, err := s.readCells()
		return cells, num, err
	}
}

// readCells reads the cells of a row up to </row>.
func (s *fastSheet) readCells() ([]string, error) {
	cells := s.cells[:0]
	defer func() { s.cells = cells[:0] }()
	col := 0
	var typ string
	val := s.val[:0]
	defer func() { s.val = val[:0] }()
	inV, inT, inIs, phonetic := false, false, false, 0
	for {
		tok, err := s.sc.next()
		if err != nil {
			if err == io.EOF {
				err = io.ErrUnexpectedEOF
			}
			return nil, fmt.Errorf("%w (%v)", ErrDamaged, err)
		}
		name := tok.name
		switch tok.kind {
		case tokStart, tokEmpty:
			switch string(name) {
			case "c":
				col++
				ca := readCellAttrs(tok.attrs)
				if r, ok := ca.r, ca.hasR; ok {
					c, err := columnOf(r)
					if bytes.IndexByte(r, '&') >= 0 {
						c, err = columnOf(unescape(r))
					}
					if err != nil || c < col {
						return nil, fmt.Errorf("%w (cell reference %q)", ErrDamaged, unescape(r))
					}
					col = c
				}
				typ = cellType(ca.t)
				if s.timeStyles != nil && ca.hasS {
					s.noteTime(col, ca.s)
				}
				val = val[:0]
				if tok.kind == tokEmpty {
					continue
				}
			case "v":
				inV = tok.kind == tokStart
			case "is":
				inIs = tok.kind == tokStart
			case "t":
				inT = tok.kind == tokStart && inIs && phonetic == 0
			case "rPh":
				if tok.kind == tokStart {
					phonetic++
				}
			}
		case tokText:
			if inV || inT {
				val = append(val, tok.text...)
			}
		case tokEnd:
			switch string(name) {
			case "v":
				inV = false
			case "t":
				inT = false
			case "is":
				inIs = false
			case "rPh":
				phonetic--
			case "c":
				v, err := s.cellValue(typ, val)
				if err != nil {
					return nil, err
				}
				if v != "" {
					for len(cells) < col-1 {
						cells = append(cells, "")
					}
					cells = append(cells, v)
				}
			case "row":
				return cells, nil
			}
		}
	}
}
