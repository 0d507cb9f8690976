package ingest

import (
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

// dropDuplicates takes out of the load, into the quarantine as
// duplicate-row, its rows that exactly repeat (in every column of the kind)
// a current row of another load for the same area and period: adding them
// would count the same thing twice.
func (l *loader) dropDuplicates(hs []held) error {
	kinds := map[string]bool{}
	for _, h := range hs {
		if kinds[h.key.kind] {
			continue
		}
		kinds[h.key.kind] = true
		if err := l.dropDuplicatesOf(schemas.KindByName(h.key.kind)); err != nil {
			return err
		}
	}
	return nil
}

func (l *loader) dropDuplicatesOf(k *schemas.Kind) error {
	same := []string{"c.area_id = n.area_id", "c.period IS NOT DISTINCT FROM n.period"}
	var vals []string
	for _, c := range k.Columns {
		same = append(same, fmt.Sprintf(`c."%[1]s" IS NOT DISTINCT FROM n."%[1]s"`, c.Name))
		vals = append(vals, fmt.Sprintf(`CAST(n."%s" AS VARCHAR)`, c.Name))
	}
	cond := strings.Join(same, " AND ")
	rows, err := l.tx.Conn.QueryContext(l.txCtx(), fmt.Sprintf(duplicatesFindSQL, k.HistoryTable(), cond, strings.Join(vals, ", ")), l.loadID)
	if err != nil {
		return err
	}
	defer rows.Close()
	n := 0
	for rows.Next() {
		var sheet, area, file, where string
		var row, load int64
		var period sql.NullInt32
		cells := make([]sql.NullString, len(k.Columns))
		dst := []any{&sheet, &row, &area, &period, &load, &file, &where}
		for i := range cells {
			dst = append(dst, &cells[i])
		}
		if err := rows.Scan(dst...); err != nil {
			return err
		}
		raw := map[string]string{}
		for i, c := range cells {
			if c.Valid {
				raw[k.Columns[i].Name] = c.String
			}
		}
		rawJSON, _ := json.Marshal(raw)
		e := rowErr(l.res.File, sheet, int(row), "", "", "", DuplicateRow,
			fmt.Errorf("this row repeats exactly a row already loaded from %s (load %d, %s), so it was not added again; if both are real, tell them apart in the file (a time or a note will do) and add it again", file, load, where))
		if l.quar == nil {
			l.quar = store.NewBatch(schemas.Quarantine.Columns)
			l.qrows = map[string]bool{}
		}
		msg := e.Error() // of stored values: names in it are pseudonyms already
		var p any
		if period.Valid {
			p = period.Int32
		}
		l.quarantineEntry([]any{fmt.Sprintf("%d/%s/%d//0", l.loadID, sheet, row), l.loadID, l.res.File, sheet, row, "", "", k.Name, area,
			string(DuplicateRow), msg, string(rawJSON), p})
		l.res.Problems = append(l.res.Problems, e)
		l.qrows[sheet+"!"+fmt.Sprint(row)] = true
		if p := l.parts[partKey{k.Name, area, period.Int32, period.Valid}]; p != nil {
			p.rows--
		}
		n++
	}
	if err := rows.Err(); err != nil || n == 0 {
		return err
	}
	_, err = l.tx.Exec(fmt.Sprintf(duplicatesDropSQL, k.HistoryTable(), cond), l.loadID)
	return err
}
