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

// supersede marks earlier current rows of the same kind, area and period as
// replaced by this load: current figures use the new rows, the old stay in
// history with their load.
func (l *loader) supersede() error {
	for _, k := range l.res.Kinds {
		kind := schemas.KindByName(k)
		if kind.Reference {
			continue
		}
		if _, err := l.tx.Exec(fmt.Sprintf(supersedeRowsSQL, kind.HistoryTable()), l.loadID, k); err != nil {
			return err
		}
	}
	if _, err := l.tx.Exec(supersedePartsSQL, l.loadID); err != nil {
		return err
	}
	rows, err := l.tx.Conn.QueryContext(l.txCtx(), supersededLoadsSQL, l.loadID)
	if err != nil {
		return err
	}
	for rows.Next() {
		var id int64
		if err := rows.Scan(&id); err != nil {
			rows.Close()
			return err
		}
		l.res.Supersedes = append(l.res.Supersedes, id)
	}
	rows.Close()
	_, err = l.tx.Exec(supersedeLoadsSQL, l.loadID)
	return err
}
