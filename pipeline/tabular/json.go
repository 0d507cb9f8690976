package tabular

import (
	"bufio"
	"bytes"
	"encoding/json"
	"io"
	"strconv"
)

// writeJSON writes t as a JSON array of objects, one per row, keys in column
// order: NULL as null, numbers as numbers, dates and times as ISO 8601 text.
// A repeated column name gets a suffix (_2, _3...) so no value is lost.
func writeJSON(w io.Writer, t *Table) error {
	bw := bufio.NewWriter(w)
	keys := make([][]byte, len(t.Columns))
	for i, k := range uniqueNames(t.Columns) {
		b, err := marshal(k)
		if err != nil {
			return err
		}
		keys[i] = b
	}
	bw.WriteString("[")
	for r, row := range t.Rows {
		if r > 0 {
			bw.WriteString(",")
		}
		bw.WriteString("\n  {")
		for c := range t.Columns {
			if c > 0 {
				bw.WriteString(", ")
			}
			var v any
			if c < len(row) {
				v = row[c]
			}
			b, err := marshal(jsonValue(v, t.typeOf(c)))
			if err != nil {
				return err
			}
			bw.Write(keys[c])
			bw.WriteString(": ")
			bw.Write(b)
		}
		bw.WriteString("}")
	}
	if len(t.Rows) > 0 {
		bw.WriteString("\n")
	}
	bw.WriteString("]\n")
	return bw.Flush()
}

// marshal is json.Marshal without HTML escaping (a quote with & or < stays
// readable).
func marshal(v any) ([]byte, error) {
	var buf bytes.Buffer
	enc := json.NewEncoder(&buf)
	enc.SetEscapeHTML(false)
	if err := enc.Encode(v); err != nil {
		return nil, err
	}
	return bytes.TrimRight(buf.Bytes(), "\n"), nil
}

// uniqueNames returns names with repeats made distinct: x, x_2, x_3.
func uniqueNames(names []string) []string {
	seen := map[string]bool{}
	out := make([]string, len(names))
	for i, n := range names {
		u := n
		for k := 2; seen[u]; k++ {
			u = n + "_" + strconv.Itoa(k)
		}
		seen[u] = true
		out[i] = u
	}
	return out
}
