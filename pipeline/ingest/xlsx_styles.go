package ingest

import (
	"bytes"
	"math"
	"strconv"
	"strings"

	"github.com/ourbiggerstory/obs/schemas"
)

// Which cells show a time of day. Excel stores 2:30 as 0.104166… (a
// fraction of a day) and says it is a time only through the cell's style,
// whose number format is h:mm or the like; an hours column must read such a
// cell as 2.5 hours, not 0.104. The raw values stay as they are (the same
// as excelize's); the sheet says, per cell, which are times.

// builtinTimeFormats are the number formats Excel numbers itself that show
// a time without a date: h:mm AM/PM, h:mm:ss AM/PM, h:mm, h:mm:ss, mm:ss,
// [h]:mm:ss, mmss.0.
var builtinTimeFormats = map[int]bool{18: true, 19: true, 20: true, 21: true, 45: true, 46: true, 47: true}

// readTimeStyles finds the cell styles (indexes into cellXfs) whose number
// format shows a time without a date.
func (b *xlsxBook) readTimeStyles() {
	b.stylesOK = true
	p, ok := b.paths["#styles"]
	if !ok {
		return
	}
	var st struct {
		NumFmts []struct {
			ID   int    `xml:"numFmtId,attr"`
			Code string `xml:"formatCode,attr"`
		} `xml:"numFmts>numFmt"`
		Xfs []struct {
			NumFmt int `xml:"numFmtId,attr"`
		} `xml:"cellXfs>xf"`
	}
	if b.decodeXML(p, &st) != nil {
		// Styles only refine how numbers read; a damaged part leaves them
		// plain, and the load says so.
		b.notes = append(b.notes, "the workbook's cell formats (styles.xml) could not be read: cells formatted as times (2:30) load as fractions of a day (0.104), not hours; save the file again from Excel and load it again if it has any")
		return
	}
	custom := map[int]bool{}
	for _, f := range st.NumFmts {
		custom[f.ID] = isTimeFormat(f.Code)
	}
	for i, x := range st.Xfs {
		t, ok := custom[x.NumFmt]
		if !ok {
			t = builtinTimeFormats[x.NumFmt]
		}
		if t {
			if b.timeStyles == nil {
				b.timeStyles = map[string]bool{}
			}
			b.timeStyles[strconv.Itoa(i)] = true
		}
	}
}

// isTimeFormat says a format code shows hours (or minutes and seconds) and
// no day, month or year: "h:mm", "[h]:mm:ss", "hh:mm AM/PM", "mm:ss".
// Quoted text, escaped characters and [colour] or [$-locale] parts are
// not looked at.
func isTimeFormat(code string) bool {
	code, _, _ = strings.Cut(code, ";") // the format of positive numbers
	var b strings.Builder
	for i := 0; i < len(code); i++ {
		switch c := code[i]; c {
		case '"':
			if j := strings.IndexByte(code[i+1:], '"'); j >= 0 {
				i += j + 1
			}
		case '\\', '_', '*':
			i++
		case '[':
			j := strings.IndexByte(code[i:], ']')
			if j < 0 {
				return false
			}
			if inner := strings.ToLower(code[i+1 : i+j]); inner == "h" || inner == "hh" || inner == "mm" || inner == "ss" {
				b.WriteString(inner)
			}
			i += j
		default:
			b.WriteByte(c | 0x20) // lower case for letters
		}
	}
	f := b.String()
	return (strings.Contains(f, "h") || strings.Contains(f, "s")) && !strings.ContainsAny(f, "dy") && !strings.Contains(f, "e")
}

// timesAsHours rewrites, in a row's cells, a time of day in a column of
// hours as the hours it shows: 2:30 (stored as 0.104166…) becomes 2.5.
func timesAsHours(k *schemas.Kind, m *mapping, sh sheet, cells []string) {
	tc, ok := sh.(interface{ TimeCells() []bool })
	if !ok {
		return
	}
	for i, t := range tc.TimeCells() {
		if !t || i >= len(cells) || i >= len(m.cols) || m.cols[i] == "" || k.Column(m.cols[i]) == nil || k.Column(m.cols[i]).Type != schemas.Number {
			continue
		}
		if v, err := strconv.ParseFloat(strings.TrimSpace(cells[i]), 64); err == nil && v >= 0 {
			cells[i] = strconv.FormatFloat(math.Round(v*24*1e6)/1e6, 'f', -1, 64)
		}
	}
}

// noteTime notes that cell col of the row being read shows a time of day.
func (s *fastSheet) noteTime(col int, style []byte) {
	shows := s.timeStyles[string(style)]
	if bytes.IndexByte(style, '&') >= 0 {
		shows = s.timeStyles[unescape(style)]
	}
	if shows {
		for len(s.pendTimes) < col {
			s.pendTimes = append(s.pendTimes, false)
		}
		s.pendTimes[col-1] = true
	}
}

// TimeCells says which cells of the current row show a time of day.
func (s *fastSheet) TimeCells() []bool { return s.times }
