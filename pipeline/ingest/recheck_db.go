package ingest

import (
	"context"
	"database/sql"
	"encoding/json"
	"fmt"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

// quarantined is one quarantined row as the quarantine kept it.
type quarantined struct {
	load         int64
	file, sheet  string
	row          int
	kind, area   string
	period       sql.NullInt32
	raw          string
	cells, heads []string
}

// Recheck checks every quarantined row of the current loads again against
// what the database knows now (areas added since, above all) and loads
// those that pass into their own loads, in one transaction: all of it or,
// when anything fails, nothing. It works from what the quarantine kept of
// each row, so it needs no file. There is one result a load re-checked.
func Recheck(ctx context.Context, st *store.Store, opt Options) ([]*Result, error) {
	if opt.Now == nil {
		opt.Now = time.Now
	}
	kr := opt.Keyring
	if kr != nil {
		// The quarantine holds pseudonyms already: pseudonymising them
		// again would make new ones. Only the account needs one.
		if opt.User != "" {
			opt.User = kr.PseudonymOnly(opt.User)
		}
		opt.Keyring = nil
	}
	var out []*Result
	err := st.InTx(ctx, func(tx *store.Tx) error {
		out = nil
		qs, err := readQuarantined(ctx, tx)
		if err != nil || len(qs) == 0 {
			return err
		}
		areas, err := loadAreas(ctx, tx.Conn)
		if err != nil {
			return err
		}
		for len(qs) > 0 {
			n := 1
			for n < len(qs) && qs[n].load == qs[0].load {
				n++
			}
			l := &loader{opt: opt, res: &Result{File: qs[0].file}, loadID: qs[0].load, tx: tx, ctx: ctx, areas: areas,
				epoch: excelEpoch, recheck: &recheckSet{how: "obs recheck", rows: map[string]bool{}, keep: true}}
			l.res.LoadID = l.loadID
			if err := l.recheckRows(qs[:n]); err != nil {
				return err
			}
			out = append(out, l.res)
			qs = qs[n:]
		}
		return nil
	})
	if err == nil && kr != nil {
		err = kr.Save()
	}
	return out, err
}

// readQuarantined reads the rows Recheck can check again, by load.
func readQuarantined(ctx context.Context, tx *store.Tx) ([]*quarantined, error) {
	rows, err := tx.Conn.QueryContext(ctx, recheckAllSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	var out []*quarantined
	for rows.Next() {
		q := &quarantined{}
		if err := rows.Scan(&q.load, &q.file, &q.sheet, &q.row, &q.kind, &q.area, &q.period, &q.raw); err != nil {
			return nil, err
		}
		if schemas.KindByName(q.kind) == nil {
			continue
		}
		q.heads, q.cells = rawRow(q.raw)
		out = append(out, q)
	}
	return out, rows.Err()
}

// recheckRows checks one load's quarantined rows again and stores those
// that pass.
func (l *loader) recheckRows(qs []*quarantined) error {
	batches := map[*schemas.Kind]*store.Batch{}
	defer func() {
		for _, b := range batches {
			b.Close()
		}
	}()
	for i, q := range qs {
		if err := l.ctx.Err(); err != nil {
			return err
		}
		l.progress(i)
		k := schemas.KindByName(q.kind)
		b := batches[k]
		if b == nil {
			b = store.NewBatch(k.StoredColumns())
			batches[k] = b
		}
		m := mapHeaders(k, q.heads)
		l.ret = &returnSheet{}
		if _, ok := m.index["area"]; !ok {
			l.ret.area = q.area // no area column: the Return sheet gave it
		}
		if q.period.Valid {
			l.ret.period = fmt.Sprint(q.period.Int32)
		}
		l.recheck.rows[rowKey(q.sheet, q.row)] = true
		l.recheck.take(q.sheet, q.row)
		rs := &rowState{sheet: q.sheet, num: q.row, cells: q.cells}
		addKind(l.res, k.Name)
		if area := l.readRow(k, m, rs, b); len(rs.errs) > 0 {
			l.quarantine(k, m, rs, area)
		}
	}
	for k, b := range batches {
		if rec := b.Cut(); rec != nil {
			err := l.tx.Append(k.HistoryTable(), b.Schema, rec)
			rec.Release()
			if err != nil {
				return err
			}
		}
	}
	return l.finish()
}

// RawCells reads a quarantined row's raw JSON (keys "D: header", or "D" for
// a column without a header) as its keys and values, in the order kept.
func RawCells(raw string) (keys, vals []string) {
	dec := json.NewDecoder(strings.NewReader(raw))
	if _, err := dec.Token(); err != nil {
		return nil, nil
	}
	for dec.More() {
		k, err1 := dec.Token()
		v, err2 := dec.Token()
		if err1 != nil || err2 != nil {
			break
		}
		keys = append(keys, fmt.Sprint(k))
		vals = append(vals, fmt.Sprint(v))
	}
	return keys, vals
}

// rawRow lays out a quarantined row's raw JSON as the sheet had it: headers
// and cells by column.
func rawRow(raw string) (heads, cells []string) {
	keys, vals := RawCells(raw)
	for n, key := range keys {
		letter, head, _ := strings.Cut(key, ": ")
		i, err := excelize.ColumnNameToNumber(letter)
		if err != nil {
			continue
		}
		for len(cells) < i {
			heads, cells = append(heads, ""), append(cells, "")
		}
		heads[i-1], cells[i-1] = head, vals[n]
	}
	return heads, cells
}
