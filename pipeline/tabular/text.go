package tabular

import (
	"bufio"
	"fmt"
	"io"
	"strings"
	"unicode/utf8"
)

// Layout of the "table" format, the one for a person at a terminal.
const (
	maxCell   = 60  // longer values are cut, with …, in the side-by-side layout
	minCell   = 14  // text columns are narrowed down to this to fit maxWidth
	maxWidth  = 160 // tables still wider are shown one record at a time
	colGap    = "  "
	ellipsis  = "…"
	newlineIn = "↵" // a line break inside a value
)

// writeText writes t as aligned columns, numbers on the right, each value
// as Display writes it (the other formats keep every digit), and a row
// count. Long text is cut with … to keep the table within 160
// characters; a table still too wide is shown one record at a time, each
// value on its own line after its column name, in full.
func writeText(w io.Writer, t *Table) error {
	bw := bufio.NewWriter(w)
	cells := make([][]string, len(t.Rows))
	for r, row := range t.Rows {
		cells[r] = make([]string, len(t.Columns))
		for c := range t.Columns {
			var v any
			if c < len(row) {
				v = row[c]
			}
			cells[r][c] = displayText(v, t.typeOf(c))
		}
	}
	widths := make([]int, len(t.Columns))
	total := len(colGap) * max(len(t.Columns)-1, 0)
	for c, name := range t.Columns {
		widths[c] = runes(name)
		for r := range cells {
			widths[c] = max(widths[c], min(runes(cells[r][c]), maxCell))
		}
		total += widths[c]
	}
	// Narrow the widest text column, a character at a time, until the
	// table fits or no text column can give more.
	for total > maxWidth {
		widest := -1
		for c := range widths {
			if !numericColumn(t, c) && widths[c] > max(minCell, runes(t.Columns[c])) && (widest < 0 || widths[c] > widths[widest]) {
				widest = c
			}
		}
		if widest < 0 {
			break
		}
		widths[widest]--
		total--
	}
	if total > maxWidth && len(t.Columns) > 1 {
		writeRecords(bw, t, cells)
	} else {
		writeColumns(bw, t, cells, widths)
	}
	fmt.Fprintln(bw, rowCount(len(t.Rows)))
	return bw.Flush()
}

func writeColumns(w *bufio.Writer, t *Table, cells [][]string, widths []int) {
	right := make([]bool, len(t.Columns))
	for c := range t.Columns {
		right[c] = numericColumn(t, c)
	}
	line := func(vals []string, pad func(c int) string) {
		var b strings.Builder
		for c, v := range vals {
			if c > 0 {
				b.WriteString(colGap)
			}
			v = cut(v, widths[c])
			fill := strings.Repeat(pad(c), widths[c]-runes(v))
			if right[c] {
				b.WriteString(fill + v)
			} else {
				b.WriteString(v + fill)
			}
		}
		w.WriteString(strings.TrimRight(b.String(), " ") + "\n")
	}
	line(t.Columns, func(int) string { return " " })
	rule := make([]string, len(t.Columns))
	line(rule, func(int) string { return "─" })
	for _, row := range cells {
		line(row, func(int) string { return " " })
	}
}

func writeRecords(w *bufio.Writer, t *Table, cells [][]string) {
	nameWidth := 0
	for _, n := range t.Columns {
		nameWidth = max(nameWidth, runes(n))
	}
	for r, row := range cells {
		if r > 0 {
			w.WriteString("\n")
		}
		fmt.Fprintf(w, "── row %d ──\n", r+1)
		for c, v := range row {
			fmt.Fprintf(w, "%s%s  %s\n", t.Columns[c], strings.Repeat(" ", nameWidth-runes(t.Columns[c])), v)
		}
	}
	if len(cells) > 0 {
		w.WriteString("\n")
	}
}

// numericColumn reports whether column c holds numbers (and so is aligned
// on the right).
func numericColumn(t *Table, c int) bool {
	seen := false
	for _, row := range t.Rows {
		if c >= len(row) || row[c] == nil {
			continue
		}
		if !isNumber(row[c]) {
			return false
		}
		seen = true
	}
	return seen
}

// displayText is v as Display writes it, on one line.
func displayText(v any, typ string) string {
	s := Display(v, typ)
	if strings.ContainsAny(s, "\r\n\t") {
		s = strings.NewReplacer("\r\n", newlineIn, "\n", newlineIn, "\r", newlineIn, "\t", " ").Replace(s)
	}
	return s
}

func cut(s string, n int) string {
	if runes(s) <= n {
		return s
	}
	r := []rune(s)
	return string(r[:n-1]) + ellipsis
}

func runes(s string) int { return utf8.RuneCountInString(s) }

func rowCount(n int) string {
	if n == 0 {
		return "(no rows)"
	}
	return "(" + Plural(n, "row") + ")"
}
