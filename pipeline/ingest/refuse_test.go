package ingest

import (
	"archive/zip"
	"bytes"
	"errors"
	"os"
	"strings"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/position"
)

func TestRefusedFiles(t *testing.T) {
	e := newEnv(t)
	good := writeXLSX(t, e.path("good.xlsx"), sheetData{"Events", [][]any{
		{"area", "event date", "event", "attendees"},
		{"hanwell", "2021-05-01", "Fair", 40},
	}})
	data, err := os.ReadFile(good)
	if err != nil {
		t.Fatal(err)
	}
	// A zip bomb: one member that unpacks to 2 GB of zeros from a few MB.
	bomb := e.path("bomb.xlsx")
	{
		f, _ := os.Create(bomb)
		zw := zip.NewWriter(f)
		w, _ := zw.Create("xl/worksheets/sheet1.xml")
		zeros := make([]byte, 1<<20)
		for i := 0; i < 2048; i++ {
			w.Write(zeros)
		}
		zw.Close()
		f.Close()
	}
	encrypted := append([]byte{0xD0, 0xCF, 0x11, 0xE0, 0xA1, 0xB1, 0x1A, 0xE1}, bytes.Repeat([]byte{0}, 504)...)
	tests := []struct {
		name string
		data []byte
		path string
		want error
		msg  string
	}{
		{"empty.xlsx", nil, "", ErrEmptyFile, "0 bytes"},
		{"truncated.xlsx", data[:len(data)/2], "", ErrDamaged, "damaged or incomplete"},
		{"renamed.xlsx", []byte("area,event date,event\nhanwell,2021-05-01,Fair\n"), "", ErrNotWorkbook, "rename it to .csv"},
		{"protected.xlsx", encrypted, "", ErrEncrypted, "remove the password"},
		{"", nil, bomb, ErrZipBomb, "zip bomb"},
		{"notes.xlsx", nil, writeXLSX(t, e.path("notes.xlsx"), sheetData{"Notes", [][]any{{"Hello"}, {"nothing here"}}}), ErrUnknownKind, "Name each sheet"},
		{"photo.jpg", []byte{0xFF, 0xD8, 0xFF}, "", ErrNotWorkbook, ".xlsx, .csv, .qdpx, .qde and .qdc"},
		{"half.xlsx", nil, writeXLSX(t, e.path("half.xlsx"), sheetData{"Events", [][]any{{"area", "event"}, {"hanwell", "Fair"}}}), nil, "lacks the required column(s) event_date"},
	}
	for _, tt := range tests {
		p := tt.path
		if p == "" {
			p = writeFile(t, e.path(tt.name), tt.data)
		}
		r := e.load(p)
		var fe *position.Error
		if !errors.As(r.Refused, &fe) || !errors.Is(r.Refused, ErrRefused) {
			t.Errorf("%s: not refused (%+v)", p, r)
			continue
		}
		if tt.want != nil && !errors.Is(r.Refused, tt.want) || !strings.Contains(r.Refused.Error(), tt.msg) {
			t.Errorf("%s: refused with %v; want %v mentioning %q", p, r.Refused, tt.want, tt.msg)
		}
	}
	if n := e.count("SELECT count(*) FROM loads") + e.count("SELECT count(*) FROM quarantine") + e.count("SELECT count(*) FROM events_history"); n != 0 {
		t.Errorf("refused files left %d rows behind", n)
	}
	if r := e.load(good); r.Refused != nil || r.Loaded != 1 {
		t.Errorf("the good file after the bad: %+v", r)
	}
}

// panicky is a workbook whose reader panics, as a parser bug would.
type panicky struct{ workbook }

func (p panicky) Open(name string) (sheet, error) { panic("index out of range in a sheet parser") }

// TestParserPanicRefusesFile: a panic inside a reader becomes a refused
// file with nothing stored, and the next file loads.
func TestParserPanicRefusesFile(t *testing.T) {
	e := newEnv(t)
	p := writeXLSX(t, e.path("boom.xlsx"), sheetData{"Events", [][]any{{"area", "date", "event"}, {"hanwell", "2021-05-01", "Fair"}}})
	openWorkbook = func(path string, lim Limits) (workbook, error) {
		wb, err := openFile(path, lim)
		return panicky{wb}, err
	}
	r := e.load(p)
	openWorkbook = openFile
	if !errors.Is(r.Refused, ErrParser) || !strings.Contains(r.Refused.Error(), "index out of range") {
		t.Fatalf("refused = %v", r.Refused)
	}
	if n := e.count("SELECT count(*) FROM loads"); n != 0 {
		t.Errorf("loads = %d after a refused file", n)
	}
	if r := e.load(p); r.Refused != nil || r.Loaded != 1 {
		t.Errorf("the same file with a working reader: %+v", r)
	}
}
