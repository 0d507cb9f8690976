package analysis

import (
	"bytes"
	"crypto/sha256"
	"encoding/csv"
	"encoding/hex"
	"errors"
	"io"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/position"
)

// csvFile is a small CSV file an evaluator edits in a spreadsheet: a header
// row, then records; lines starting with # are comments.
type csvFile struct {
	File   string
	SHA256 string
	Header map[string]int // folded column name -> index
	Rows   []csvRow
}

type csvRow struct {
	Line   int
	Fields []string
}

// Get returns the row's value in the column (trimmed), "" when absent.
func (f *csvFile) Get(r csvRow, col string) string {
	i, ok := f.Header[col]
	if !ok || i >= len(r.Fields) {
		return ""
	}
	return strings.TrimSpace(r.Fields[i])
}

// readCSV parses data, requiring the columns named in required.
func readCSV(kind error, file string, data []byte, required ...string) (*csvFile, error) {
	sum := sha256.Sum256(data)
	f := &csvFile{File: file, SHA256: hex.EncodeToString(sum[:]), Header: map[string]int{}}
	data = bytes.TrimPrefix(data, []byte("\xef\xbb\xbf")) // spreadsheets write a BOM
	r := csv.NewReader(bytes.NewReader(data))
	r.Comment = '#'
	r.FieldsPerRecord = -1
	r.TrimLeadingSpace = true
	first := true
	for {
		rec, err := r.Read()
		if err == io.EOF {
			break
		}
		if err != nil {
			var pe *csv.ParseError
			if errors.As(err, &pe) {
				return nil, &position.Error{File: file, Line: pe.Line, Kind: kind, Err: &reason{msg: "this line is not valid CSV", detail: pe.Err.Error(), err: err}}
			}
			return nil, badInput(kind, file, 0, "", "", "cannot read the file", err)
		}
		line, _ := r.FieldPos(0)
		if blank(rec) {
			continue
		}
		if first {
			first = false
			for i, h := range rec {
				f.Header[foldHeader(h)] = i
			}
			for _, c := range required {
				if _, ok := f.Header[c]; !ok {
					return nil, badInput(kind, file, line, c, "", "the header row lacks a column; it needs "+strings.Join(required, ", "), nil)
				}
			}
			continue
		}
		f.Rows = append(f.Rows, csvRow{Line: line, Fields: rec})
	}
	if first {
		return nil, badInput(kind, file, 0, "", "", "the file is empty: it needs a header row, "+strings.Join(required, ", "), nil)
	}
	return f, nil
}

func blank(rec []string) bool {
	for _, s := range rec {
		if strings.TrimSpace(s) != "" {
			return false
		}
	}
	return true
}

// foldHeader folds a header: lower case, spaces and dashes as _.
func foldHeader(h string) string {
	h = strings.ToLower(strings.TrimSpace(h))
	return strings.NewReplacer(" ", "_", "-", "_").Replace(h)
}
