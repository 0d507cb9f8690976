package forms_test

import (
	"archive/zip"
	"bytes"
	"encoding/xml"
	"fmt"
	"io"
	"path"
	"sort"
	"strconv"
	"strings"
	"testing"
)

// The tests read the templates with encoding/xml from the zip's parts, not
// with excelize, which wrote them, and fill them by writing cells into the
// sheets' XML.

// book is a workbook's parts, read.
type book struct {
	parts  map[string][]byte
	order  []string // part names as zipped
	sheets []*sheetPart
	shared []string
	bold   map[int]bool // cell style index -> bold font
}

type sheetPart struct {
	name, path string
	xml        wsXML
	cells      map[string]cellXML
	tables     []tableXML
	comments   map[string]string // cell -> text
}

type wsXML struct {
	Pane *struct {
		YSplit float64 `xml:"ySplit,attr"`
		State  string  `xml:"state,attr"`
	} `xml:"sheetViews>sheetView>pane"`
	Rows []struct {
		R int       `xml:"r,attr"`
		C []cellXML `xml:"c"`
	} `xml:"sheetData>row"`
	DVs *struct {
		Count int     `xml:"count,attr"`
		DV    []dvXML `xml:"dataValidation"`
	} `xml:"dataValidations"`
	TableParts *struct {
		Count int `xml:"count,attr"`
		Parts []struct {
			ID string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"tablePart"`
	} `xml:"tableParts"`
}

type cellXML struct {
	R  string `xml:"r,attr"`
	T  string `xml:"t,attr"`
	S  int    `xml:"s,attr"`
	V  string `xml:"v"`
	T2 struct {
		Text string `xml:",chardata"`
	} `xml:"is>t"`
}

type dvXML struct {
	Type        string `xml:"type,attr"`
	Operator    string `xml:"operator,attr"`
	Sqref       string `xml:"sqref,attr"`
	AllowBlank  bool   `xml:"allowBlank,attr"`
	ShowError   bool   `xml:"showErrorMessage,attr"`
	ShowInput   bool   `xml:"showInputMessage,attr"`
	ErrorStyle  string `xml:"errorStyle,attr"`
	Error       string `xml:"error,attr"`
	ErrorTitle  string `xml:"errorTitle,attr"`
	Prompt      string `xml:"prompt,attr"`
	PromptTitle string `xml:"promptTitle,attr"`
	F1          string `xml:"formula1"`
	F2          string `xml:"formula2"`
}

type tableXML struct {
	Name        string `xml:"name,attr"`
	DisplayName string `xml:"displayName,attr"`
	Ref         string `xml:"ref,attr"`
	AutoFilter  struct {
		Ref string `xml:"ref,attr"`
	} `xml:"autoFilter"`
	Columns struct {
		Count int `xml:"count,attr"`
		Col   []struct {
			ID   int    `xml:"id,attr"`
			Name string `xml:"name,attr"`
		} `xml:"tableColumn"`
	} `xml:"tableColumns"`
}

type relsXML struct {
	Rel []struct {
		ID     string `xml:"Id,attr"`
		Type   string `xml:"Type,attr"`
		Target string `xml:"Target,attr"`
	} `xml:"Relationship"`
}

func readBook(t *testing.T, data []byte) *book {
	t.Helper()
	zr, err := zip.NewReader(bytes.NewReader(data), int64(len(data)))
	if err != nil {
		t.Fatal(err)
	}
	b := &book{parts: map[string][]byte{}, bold: map[int]bool{}}
	for _, f := range zr.File {
		r, err := f.Open()
		if err != nil {
			t.Fatal(err)
		}
		b.parts[f.Name], err = io.ReadAll(r)
		r.Close()
		if err != nil {
			t.Fatal(err)
		}
		b.order = append(b.order, f.Name)
	}
	var wb struct {
		Sheets []struct {
			Name string `xml:"name,attr"`
			ID   string `xml:"http://schemas.openxmlformats.org/officeDocument/2006/relationships id,attr"`
		} `xml:"sheets>sheet"`
	}
	b.decode(t, "xl/workbook.xml", &wb)
	rels := b.rels(t, "xl/workbook.xml")
	var sst struct {
		SI []struct {
			T string   `xml:"t"`
			R []string `xml:"r>t"`
		} `xml:"si"`
	}
	if _, ok := b.parts["xl/sharedStrings.xml"]; ok {
		b.decode(t, "xl/sharedStrings.xml", &sst)
	}
	for _, si := range sst.SI {
		b.shared = append(b.shared, si.T+strings.Join(si.R, ""))
	}
	b.readStyles(t)
	for _, s := range wb.Sheets {
		sp := &sheetPart{name: s.Name, path: rels[s.ID], cells: map[string]cellXML{}, comments: map[string]string{}}
		b.decode(t, sp.path, &sp.xml)
		for _, row := range sp.xml.Rows {
			for _, c := range row.C {
				sp.cells[c.R] = c
			}
		}
		srels := b.rels(t, sp.path)
		if sp.xml.TableParts != nil {
			for _, tp := range sp.xml.TableParts.Parts {
				var tb tableXML
				b.decode(t, srels[tp.ID], &tb)
				sp.tables = append(sp.tables, tb)
			}
		}
		for _, target := range srels {
			if strings.Contains(target, "comments") {
				var cm struct {
					C []struct {
						Ref  string   `xml:"ref,attr"`
						Text []string `xml:"text>r>t"`
						T    string   `xml:"text>t"`
					} `xml:"commentList>comment"`
				}
				b.decode(t, target, &cm)
				for _, c := range cm.C {
					sp.comments[c.Ref] = c.T + strings.Join(c.Text, "")
				}
			}
		}
		b.sheets = append(b.sheets, sp)
	}
	return b
}

// dvs are the sheet's data validations.
func (s *sheetPart) dvs() []dvXML {
	if s.xml.DVs == nil {
		return nil
	}
	return s.xml.DVs.DV
}

func (b *book) decode(t *testing.T, name string, v any) {
	t.Helper()
	data, ok := b.parts[name]
	if !ok {
		t.Fatalf("the workbook has no part %s", name)
	}
	if err := xml.Unmarshal(data, v); err != nil {
		t.Fatalf("%s: %v", name, err)
	}
}

// rels reads the relationships of a part: id -> the target's part name.
func (b *book) rels(t *testing.T, part string) map[string]string {
	t.Helper()
	name := path.Join(path.Dir(part), "_rels", path.Base(part)+".rels")
	out := map[string]string{}
	if _, ok := b.parts[name]; !ok {
		return out
	}
	var r relsXML
	b.decode(t, name, &r)
	for _, rel := range r.Rel {
		out[rel.ID] = path.Clean(path.Join(path.Dir(part), rel.Target))
		if strings.HasPrefix(rel.Target, "/") {
			out[rel.ID] = strings.TrimPrefix(rel.Target, "/")
		}
	}
	return out
}

func (b *book) readStyles(t *testing.T) {
	var st struct {
		Fonts []struct {
			B *struct{} `xml:"b"`
		} `xml:"fonts>font"`
		Xfs []struct {
			FontID int `xml:"fontId,attr"`
		} `xml:"cellXfs>xf"`
	}
	b.decode(t, "xl/styles.xml", &st)
	for i, xf := range st.Xfs {
		b.bold[i] = xf.FontID < len(st.Fonts) && st.Fonts[xf.FontID].B != nil
	}
}

func (b *book) sheet(name string) *sheetPart {
	for _, s := range b.sheets {
		if s.name == name {
			return s
		}
	}
	return nil
}

// text is a cell's value as text (shared, inline or as written).
func (b *book) text(s *sheetPart, ref string) string {
	c, ok := s.cells[ref]
	switch {
	case !ok:
		return ""
	case c.T == "s":
		var i int
		fmt.Sscan(c.V, &i)
		return b.shared[i]
	case c.T == "inlineStr":
		return c.T2.Text
	}
	return c.V
}

// value is a cell to write: a number, or text.
type value struct {
	num    float64
	text   string
	isText bool
}

func num(f float64) value { return value{num: f} }
func text(s string) value { return value{text: s, isText: true} }

func (v value) String() string {
	if v.isText {
		return fmt.Sprintf("%q", v.text)
	}
	return strconv.FormatFloat(v.num, 'f', -1, 64)
}

// fill writes rows of cells (by column letter) into sheet s from row 2, in
// its XML, and gives the workbook's bytes.
func (b *book) fill(t *testing.T, rows map[string][]map[string]value) []byte {
	t.Helper()
	var out bytes.Buffer
	zw := zip.NewWriter(&out)
	paths := map[string][]map[string]value{}
	for name, rs := range rows {
		s := b.sheet(name)
		if s == nil {
			t.Fatalf("no sheet %s", name)
		}
		paths[s.path] = rs
	}
	for _, name := range b.order {
		data := b.parts[name]
		if rs, ok := paths[name]; ok {
			var x strings.Builder
			for i, row := range rs {
				fmt.Fprintf(&x, `<row r="%d">`, i+2)
				for _, col := range sortedCols(row) {
					v := row[col]
					if v.isText {
						x.WriteString(`<c r="` + col + fmt.Sprint(i+2) + `" t="inlineStr"><is><t>`)
						xml.EscapeText(&x, []byte(v.text))
						x.WriteString(`</t></is></c>`)
					} else {
						fmt.Fprintf(&x, `<c r="%s%d"><v>%s</v></c>`, col, i+2, v)
					}
				}
				x.WriteString(`</row>`)
			}
			s := string(data)
			if !strings.Contains(s, "</sheetData>") {
				t.Fatalf("%s: no sheetData to fill", name)
			}
			data = []byte(strings.Replace(s, "</sheetData>", x.String()+"</sheetData>", 1))
		}
		w, err := zw.Create(name)
		if err != nil {
			t.Fatal(err)
		}
		w.Write(data)
	}
	if err := zw.Close(); err != nil {
		t.Fatal(err)
	}
	return out.Bytes()
}

// sortedCols are a row's column letters in the sheet's order (A..Z, AA..).
func sortedCols(row map[string]value) []string {
	var cols []string
	for c := range row {
		cols = append(cols, c)
	}
	sort.Slice(cols, func(i, j int) bool {
		return len(cols[i]) < len(cols[j]) || len(cols[i]) == len(cols[j]) && cols[i] < cols[j]
	})
	return cols
}
