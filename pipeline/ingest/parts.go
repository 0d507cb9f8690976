package ingest

import (
	"fmt"
	"sort"

	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

// writeParts records what the load brought, by kind, area and period, in
// table (load_parts, or recheck_parts for a re-check to merge).
func (l *loader) writeParts(table string) error {
	keys := make([]partKey, 0, len(l.parts))
	for k := range l.parts {
		keys = append(keys, k)
	}
	sort.Slice(keys, func(i, j int) bool {
		a, b := keys[i], keys[j]
		if a.kind != b.kind {
			return a.kind < b.kind
		}
		if a.area != b.area {
			return a.area < b.area
		}
		return a.period < b.period
	})
	b := store.NewBatch(schemas.LoadParts.Columns)
	defer b.Close()
	for _, k := range keys {
		p := l.parts[k]
		if p.rows == 0 {
			continue // every row of it repeated a current row (Add)
		}
		b.String(0, fmt.Sprintf("%d/%s/%s/%d", l.loadID, k.kind, k.area, k.period))
		b.Int(1, l.loadID)
		b.String(2, k.kind)
		b.String(3, k.area)
		if k.hasPeriod {
			b.Int32(4, k.period)
		} else {
			b.Null(4)
		}
		b.String(5, p.sheet)
		b.Int(6, int64(p.first))
		b.Int(7, int64(p.last))
		b.Int(8, int64(p.rows))
		b.Null(9)
		b.EndRow()
	}
	rec := b.Cut()
	if rec == nil {
		return nil
	}
	defer rec.Release()
	return l.tx.Append(table, b.Schema, rec)
}
