package tabular

import (
	"bytes"
	"encoding/hex"
	"encoding/json"
	"fmt"
	"math"
	"math/big"
	"sort"
	"strconv"
	"strings"
	"time"

	"github.com/duckdb/duckdb-go/v2"
)

// The values a Table holds are those database/sql scans from DuckDB: nil,
// bool, the integer and float types, string, []byte, time.Time,
// duckdb.Decimal, *big.Int (HUGEINT), duckdb.Interval, duckdb.UUID, and
// []any, map[string]any and duckdb.Map for lists, structs and maps.

// isNumber reports whether v is written as a number.
func isNumber(v any) bool {
	switch v.(type) {
	case int, int8, int16, int32, int64, uint, uint8, uint16, uint32, uint64,
		float32, float64, duckdb.Decimal, *big.Int:
		return true
	}
	return false
}

// isText reports whether v is written as text (and so through SafeCell).
func isText(v any) bool {
	return v != nil && !isNumber(v) && !isBool(v) && !isTime(v)
}

func isBool(v any) bool { _, ok := v.(bool); return ok }
func isTime(v any) bool { _, ok := v.(time.Time); return ok }

// toFloat returns v as a float64 when it is a number.
func toFloat(v any) (float64, bool) {
	switch n := v.(type) {
	case float64:
		return n, true
	case float32:
		return float64(n), true
	case duckdb.Decimal:
		return n.Float64(), true
	case *big.Int:
		f, _ := new(big.Float).SetInt(n).Float64()
		return f, true
	}
	if i, ok := toInt(v); ok {
		return float64(i), true
	}
	return 0, false
}

func toInt(v any) (int64, bool) {
	switch n := v.(type) {
	case int:
		return int64(n), true
	case int8:
		return int64(n), true
	case int16:
		return int64(n), true
	case int32:
		return int64(n), true
	case int64:
		return n, true
	case uint8:
		return int64(n), true
	case uint16:
		return int64(n), true
	case uint32:
		return int64(n), true
	case uint:
		if n <= math.MaxInt64 {
			return int64(n), true
		}
	case uint64:
		if n <= math.MaxInt64 {
			return int64(n), true
		}
	}
	return 0, false
}

// textOf is v as text, the way every text format shows it; "" for NULL.
func textOf(v any, typ string) string {
	switch x := v.(type) {
	case nil:
		return ""
	case string:
		return x
	case bool:
		if x {
			return "true"
		}
		return "false"
	case float64:
		return formatFloat(x)
	case float32:
		return formatFloat(float64(x))
	case duckdb.Decimal:
		return x.String()
	case *big.Int:
		return x.String()
	case time.Time:
		return formatTime(x, typ, " ")
	case []byte:
		if typ == "UUID" && len(x) == 16 {
			u := duckdb.UUID(x)
			return u.String()
		}
		return `\x` + hex.EncodeToString(x)
	case duckdb.UUID:
		return x.String()
	case duckdb.Interval:
		return formatInterval(x)
	case []any, map[string]any, duckdb.Map, duckdb.OrderedMap:
		b, err := json.Marshal(jsonValue(v, ""))
		if err != nil {
			return fmt.Sprint(v)
		}
		return string(b)
	}
	if i, ok := toInt(v); ok {
		return strconv.FormatInt(i, 10)
	}
	if u, ok := v.(uint64); ok {
		return strconv.FormatUint(u, 10)
	}
	if s, ok := v.(fmt.Stringer); ok {
		return s.String()
	}
	return fmt.Sprint(v)
}

// formatFloat writes f in the shortest form that reads back exactly.
func formatFloat(f float64) string {
	switch {
	case math.IsNaN(f):
		return "NaN"
	case math.IsInf(f, 1):
		return "Infinity"
	case math.IsInf(f, -1):
		return "-Infinity"
	}
	return strconv.FormatFloat(f, 'f', -1, 64)
}

// formatTime writes t by its column type: dates as 2021-04-03, times as
// 15:04:05, timestamps as 2021-04-03 15:04:05 (sep between date and time),
// timestamps with time zone in RFC 3339. Without a type, a midnight UTC
// value is a date.
func formatTime(t time.Time, typ, sep string) string {
	switch {
	case typ == "DATE":
		return t.Format("2006-01-02")
	case strings.HasPrefix(typ, "TIME") && !strings.HasPrefix(typ, "TIMESTAMP"):
		return t.Format("15:04:05.999999")
	case strings.HasPrefix(typ, "TIMESTAMPTZ"), strings.HasPrefix(typ, "TIMESTAMP WITH TIME ZONE"):
		return t.Format(time.RFC3339Nano)
	case strings.HasPrefix(typ, "TIMESTAMP"):
		return t.Format("2006-01-02" + sep + "15:04:05.999999")
	case t.Location() == time.UTC && t.Hour() == 0 && t.Minute() == 0 && t.Second() == 0 && t.Nanosecond() == 0:
		return t.Format("2006-01-02")
	}
	return t.Format(time.RFC3339Nano)
}

func formatInterval(iv duckdb.Interval) string {
	var parts []string
	if iv.Months != 0 {
		parts = append(parts, strconv.Itoa(int(iv.Months))+" "+pluralForm(int64(iv.Months), "month"))
	}
	if iv.Days != 0 {
		parts = append(parts, strconv.Itoa(int(iv.Days))+" "+pluralForm(int64(iv.Days), "day"))
	}
	if iv.Micros != 0 || len(parts) == 0 {
		d := time.Duration(iv.Micros) * time.Microsecond
		parts = append(parts, d.String())
	}
	return strings.Join(parts, " ")
}

// jsonValue is v as a value encoding/json writes faithfully: NULL as nil,
// numbers as numbers (NaN and infinities as nil), dates as ISO text.
func jsonValue(v any, typ string) any {
	switch x := v.(type) {
	case nil, bool, string:
		return x
	case float64:
		if math.IsNaN(x) || math.IsInf(x, 0) {
			return nil
		}
		return x
	case float32:
		return jsonValue(float64(x), typ)
	case duckdb.Decimal:
		return json.Number(x.String())
	case *big.Int:
		return json.Number(x.String())
	case uint64:
		return x
	case time.Time:
		return formatTime(x, typ, "T")
	case []any:
		out := make([]any, len(x))
		for i, e := range x {
			out[i] = jsonValue(e, "")
		}
		return out
	case map[string]any:
		out := make(map[string]any, len(x))
		for k, e := range x {
			out[k] = jsonValue(e, "")
		}
		return out
	case duckdb.OrderedMap:
		// A JSON object, keys (as text) in the map's order.
		var buf bytes.Buffer
		buf.WriteByte('{')
		vals := x.Values()
		for i, k := range x.Keys() {
			if i > 0 {
				buf.WriteByte(',')
			}
			kb, _ := json.Marshal(textOf(k, ""))
			vb, err := json.Marshal(jsonValue(vals[i], ""))
			if err != nil {
				vb, _ = json.Marshal(textOf(vals[i], ""))
			}
			buf.Write(kb)
			buf.WriteByte(':')
			buf.Write(vb)
		}
		buf.WriteByte('}')
		return json.RawMessage(buf.Bytes())
	case duckdb.Map:
		// Map keys need not be text: written as a list of key/value pairs.
		pairs := make([]map[string]any, 0, len(x))
		for k, e := range x {
			pairs = append(pairs, map[string]any{"key": jsonValue(k, ""), "value": jsonValue(e, "")})
		}
		sort.Slice(pairs, func(i, j int) bool {
			return fmt.Sprint(pairs[i]["key"]) < fmt.Sprint(pairs[j]["key"])
		})
		return pairs
	}
	if i, ok := toInt(v); ok {
		return i
	}
	return textOf(v, typ)
}
