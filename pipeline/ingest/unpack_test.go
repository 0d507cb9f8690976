package ingest

import (
	"errors"
	"strings"
	"testing"
)

// TestReadBudget: the bytes unpacked and the rows gone through count across
// every read of a workbook (its sheet is read once for the header, once for
// the rows), and past either limit the file is refused in words that say
// which, with nothing stored.
func TestReadBudget(t *testing.T) {
	header := []any{"area", "event date", "event", "attendees"}
	rows := rawSheetXML([][]any{header, {"hanwell", "2021-05-01", "Fair", 40}, {"hanwell", "2021-06-01", "Fete", 30}})
	// A megabyte of spaces before the rows: the header is looked for to the
	// end of this short sheet, so each read unpacks all of it.
	padded := strings.Replace(rows, "<sheetData>", strings.Repeat(" ", 1<<20)+"<sheetData>", 1)
	far := strings.Replace(rawSheetXML([][]any{header}), "</sheetData>",
		`<row r="1000000"><c r="A1000000" t="inlineStr"><is><t>hanwell</t></is></c><c r="B1000000" t="inlineStr"><is><t>2021-05-01</t></is></c><c r="C1000000" t="inlineStr"><is><t>Fair</t></is></c></row></sheetData>`, 1)
	for _, tc := range []struct {
		name   string
		sheet  string
		bytes  int64 // MB
		rows   int64
		want   string // the refusal; "" when it loads
		loaded int
	}{
		{"once fits, twice does not", padded, 3 << 19, 0, "unpacks to more than 1 MB", 0},
		{"twice fits", padded, 3 << 20, 0, "", 2},
		{"a row a million rows down, past the rows limit", far, 0, 100000, "more than 100000 rows", 0},
		{"a row a million rows down, within the default", far, 0, 0, "", 1},
	} {
		t.Run(tc.name, func(t *testing.T) {
			e := newEnv(t)
			e.opt.Limits = DefaultLimits
			if tc.bytes > 0 {
				e.opt.Limits.MaxUnzippedBytes = tc.bytes
			}
			if tc.rows > 0 {
				e.opt.Limits.MaxReadRows = tc.rows
			}
			res := e.load(rawWorkbook(t, e.path("events.xlsx"), "Events", tc.sheet, "", plainXfs))
			if tc.want == "" {
				if res.Refused != nil || res.Loaded != tc.loaded {
					t.Fatalf("refused %v, loaded %d; want %d rows loaded", res.Refused, res.Loaded, tc.loaded)
				}
				return
			}
			if !errors.Is(res.Refused, ErrUnpacked) || !strings.Contains(res.Refused.Error(), tc.want) {
				t.Fatalf("refused with %v; want the read limit saying %q", res.Refused, tc.want)
			}
			if n := e.count("SELECT count(*) FROM loads") + e.count("SELECT count(*) FROM events_history"); n != 0 {
				t.Errorf("a refused file left %d rows", n)
			}
			t.Log(res.Refused)
		})
	}
}
