package ingest

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"hash/maphash"
	"sort"
	"strings"
	"time"

	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/position"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

// loader loads one file in one transaction.
type loader struct {
	opt    Options
	res    *Result
	path   string
	sha    string
	tx     *store.Tx
	db     *sql.DB // the database outside tx, where a load's number is taken
	areas  *areaIndex
	loadID int64
	ret    *returnSheet
	parts  map[partKey]*part
	quar   *store.Batch
	qrows  map[string]bool // sheet!row of quarantined rows, for counting rows not errors
	first  int
	last   int
	seed   maphash.Seed
	epoch  time.Time // day 0 of the workbook's serial dates
	// decimalComma: numbers in this sheet write the decimal mark as a comma.
	decimalComma bool
	ctx          context.Context
	// recheck, when set, limits the load to the rows an earlier load of
	// the same bytes left in quarantine (recheck.go).
	recheck *recheckSet
}

func (l *loader) txCtx() context.Context { return l.ctx }

type partKey struct {
	kind, area string
	period     int32
	hasPeriod  bool
}

type part struct {
	sheet       string
	first, last int
	rows        int
}

// sheetPlan is a recognised sheet and its mapping.
type sheetPlan struct {
	name string
	m    *mapping
}

// plan reads the Return sheet, recognises every other sheet, and orders them:
// areas first, interview codes last (so names from rosters are known when
// excerpts are read).
func (l *loader) plan(wb workbook) ([]sheetPlan, error) {
	names := wb.Sheets()
	for _, n := range names {
		if isReturnSheet(n) {
			if err := l.readReturn(wb, n); err != nil {
				return nil, err
			}
		}
	}
	var plan []sheetPlan
	for _, n := range names {
		if isReturnSheet(n) || isNotesSheet(n) {
			continue // a guide's list of columns is no return, whatever it names
		}
		sh, err := wb.Open(n)
		if err != nil {
			return nil, err
		}
		var first [][]string
		for len(first) < headerScan && sh.Next() {
			first = append(first, append([]string(nil), sh.Row()...))
		}
		err = sh.Err()
		sh.Close()
		if err != nil {
			return nil, sheetErr(n, 0, err)
		}
		m := detect(n, first, l.ret)
		if m == nil {
			if k := kindBySheetName(n); k != nil && len(first) > 0 {
				return nil, fmt.Errorf("sheet %s looks like a %s return but its header row lacks %s", n, k.Name, missingColumns(k, first, l.ret))
			}
			l.res.Skipped = append(l.res.Skipped, n)
			continue
		}
		plan = append(plan, sheetPlan{name: n, m: m})
		l.res.Unrecognised = append(l.res.Unrecognised, unrecognised(l.res.File, n, m)...)
	}
	if len(plan) == 0 {
		return nil, ErrUnknownKind
	}
	order := func(k *schemas.Kind) int {
		switch k.Name {
		case "areas":
			return 0
		case "interview_codes":
			return 2
		}
		return 1
	}
	sort.SliceStable(plan, func(i, j int) bool { return order(plan[i].m.kind) < order(plan[j].m.kind) })
	return plan, nil
}

// missingColumns names the required columns that no header row provides.
func missingColumns(k *schemas.Kind, first [][]string, ret *returnSheet) string {
	var best *mapping
	for _, row := range first {
		if m := mapHeaders(k, row); best == nil || len(m.index) > len(best.index) {
			best = m
		}
	}
	var miss []string
	if _, ok := best.index["area"]; !ok && !k.Reference && (ret == nil || ret.area == "") {
		miss = append(miss, "area (or a Return sheet naming the area)")
	}
	for _, c := range k.Columns {
		if _, ok := best.index[c.Name]; c.Required && !ok {
			miss = append(miss, c.Name)
		}
	}
	return "the required column(s) " + strings.Join(miss, ", ") + "; add them (any of the usual header spellings will do) and send it again"
}

// readReturn reads the key/value Return sheet.
func (l *loader) readReturn(wb workbook, name string) error {
	sh, err := wb.Open(name)
	if err != nil {
		return err
	}
	defer sh.Close()
	r := &returnSheet{row: map[string]int{}}
	for sh.Next() {
		row := sh.Row()
		if len(row) < 2 {
			continue
		}
		key, val := schemas.Norm(row[0]), strings.TrimSpace(row[1])
		switch key {
		case "area", "areaid", "areaname", "biglocalarea":
			r.areaRaw, r.row["area"] = val, sh.RowNum()
		case "period", "year", "reportingyear", "reportingperiod":
			r.periodRaw, r.row["period"] = val, sh.RowNum()
		}
	}
	if err := sh.Err(); err != nil {
		return err
	}
	if r.areaRaw != "" {
		id, err := l.areas.resolve(r.areaRaw)
		if err != nil {
			return fmt.Errorf("%s!B%d: %v", name, r.row["area"], err)
		}
		r.area = id
	}
	if r.periodRaw != "" {
		p, ok, err := parsePeriod(r.periodRaw)
		if err != nil || !ok {
			return fmt.Errorf("%s!B%d: %v", name, r.row["period"], err)
		}
		r.period = fmt.Sprint(p)
	}
	l.ret = r
	return nil
}

// errorType classifies a cell error.
func errorType(err error) ErrorType {
	var ce constraintErr
	switch {
	case errors.Is(err, errExcel):
		return ExcelError
	case errors.As(err, &ce):
		return ConstraintError
	}
	return TypeError
}

// rowState is one row being read.
type rowState struct {
	sheet string
	num   int
	cells []string
	errs  []*position.Error
}

func (l *loader) fail(rs *rowState, m *mapping, cell int, t ErrorType, err error) {
	col, name, raw := "", "", ""
	if cell >= 0 {
		col, _ = excelize.ColumnNumberToName(cell + 1)
		name = m.cols[cell]
		if cell < len(rs.cells) {
			raw = rs.cells[cell]
		}
	}
	rs.errs = append(rs.errs, rowErr(l.res.File, rs.sheet, rs.num, col, name, raw, t, err))
}

// loadSheet streams one sheet's rows into Arrow batches and the quarantine.
func (l *loader) loadSheet(ctx context.Context, wb workbook, p sheetPlan) error {
	sh, err := wb.Open(p.name)
	if err != nil {
		return l.refuse(err)
	}
	defer sh.Close()
	dc, ok := sh.(interface{ DecimalComma() bool })
	l.decimalComma = ok && dc.DecimalComma()
	k, m := p.m.kind, p.m
	cols := k.StoredColumns()
	b := store.NewBatch(cols)
	defer b.Close()
	if k.Reference {
		if _, err := l.tx.Exec(areasIncomingSQL); err != nil {
			return err
		}
	}
	// The rows go to DuckDB as they are read, in one INSERT that runs
	// beside this loop: reading and checking on one core, storing on the
	// other, a few batches apart at most. The transaction is the stream's
	// until it is closed.
	rows := l.tx.Stream(l.table(k), b.Schema)
	defer rows.Abort()
	if l.seed == (maphash.Seed{}) {
		l.seed = maphash.MakeSeed()
	}
	seen := map[uint64]int{}
	header := true
	l.res.Sheets = append(l.res.Sheets, p.name)
	addKind(l.res, k.Name)
	for sh.Next() {
		if header {
			if sh.RowNum() > m.headerRow+1 {
				header = false
			} else {
				continue
			}
		}
		if err := ctx.Err(); err != nil {
			return err
		}
		rs := &rowState{sheet: l.recheck.sheet(p.name), num: sh.RowNum(), cells: sh.Row()}
		l.res.Rows++
		if l.first == 0 {
			l.first = rs.num
		}
		l.last = max(l.last, rs.num)
		l.progress(l.res.Rows)
		if blank(rs.cells) {
			l.res.Blank++
			continue
		}
		h := l.rowHash(rs.cells)
		prev, dup := seen[h]
		if !dup {
			seen[h] = rs.num
		}
		if !l.recheck.take(rs.sheet, rs.num) {
			continue
		}
		if dup {
			l.fail(rs, m, -1, DuplicateRow, fmt.Errorf("this row repeats row %d exactly; delete one, or if both are real, tell them apart (a time or a note will do)", prev))
			l.quarantine(k, m, rs, "")
			continue
		}
		if !l.readyRow(sh, k, m, rs) {
			continue
		}
		area := l.readRow(k, m, rs, b)
		if len(rs.errs) > 0 {
			l.quarantine(k, m, rs, area)
			if err := l.opt.Limits.tooManyFaults(len(l.qrows), l.res.Rows-l.res.Blank, false); err != nil {
				return l.refuse(err)
			}
			continue
		}
		if b.Full() {
			if err := rows.Send(b.Cut()); err != nil {
				return err
			}
		}
	}
	if err := sh.Err(); err != nil {
		return l.refuse(sheetErr(p.name, sh.RowNum(), err))
	}
	if err := l.opt.Limits.tooManyFaults(len(l.qrows), l.res.Rows-l.res.Blank, true); err != nil {
		return l.refuse(err)
	}
	if err := rows.Send(b.Cut()); err != nil {
		return err
	}
	if err := rows.Close(); err != nil {
		return err
	}
	l.warnEmpty(p.name, m)
	if k.Reference {
		return l.upsertAreas()
	}
	return nil
}

// rowHash is a row's cells' hash, for finding rows repeated in a sheet.
func (l *loader) rowHash(cells []string) uint64 {
	var h maphash.Hash
	h.SetSeed(l.seed)
	for _, c := range cells {
		h.WriteString(c)
		h.WriteByte(0x1f)
	}
	return h.Sum64()
}

func addKind(r *Result, k string) {
	for _, x := range r.Kinds {
		if x == k {
			return
		}
	}
	r.Kinds = append(r.Kinds, k)
}

// table is where rows of kind k are appended.
func (l *loader) table(k *schemas.Kind) string {
	if k.Reference {
		return "areas_incoming"
	}
	return k.HistoryTable()
}

// upsertAreas moves the areas the file gave into the areas table.
func (l *loader) upsertAreas() error {
	if _, err := l.tx.Exec(areasUpsertSQL); err != nil {
		return err
	}
	_, err := l.tx.Exec(areasIncomingClearSQL)
	return err
}

// finish writes the load's parts and record, and supersedes earlier parts.
func (l *loader) finish() error {
	if l.recheck != nil {
		if err := l.clearRechecked(); err != nil {
			return err
		}
	} else if err := l.settle(); err != nil {
		return err
	}
	if err := l.writeQuarantine(); err != nil {
		return err
	}
	if l.recheck != nil {
		return l.finishRecheck()
	}
	l.res.Loaded = l.res.Rows - l.res.Blank - l.res.Quarantined
	if err := l.writeParts("load_parts"); err != nil {
		return err
	}
	if err := l.supersede(); err != nil {
		return err
	}
	_, err := l.tx.Exec(loadRecordSQL,
		l.loadID, l.res.File, l.sha, strings.Join(l.res.Sheets, ", "), strings.Join(l.res.Kinds, ", "),
		l.res.Rows, l.res.Loaded, l.res.Quarantined, l.res.Blank, l.first, l.last,
		l.now(), l.user())
	return err
}

// user is who runs the load, as stored: a pseudonym.
func (l *loader) user() string {
	if l.opt.Keyring != nil && l.opt.User != "" {
		return l.opt.Keyring.PseudonymOnly(l.opt.User) // an account: not looked for in text
	}
	return l.opt.User
}

func (l *loader) now() string { return l.opt.Now().UTC().Format(time.RFC3339) }
