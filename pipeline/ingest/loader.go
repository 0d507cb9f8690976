package ingest

import (
	"context"
	"encoding/json"
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
		if isReturnSheet(n) {
			continue
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
			return nil, fmt.Errorf("%w (sheet %s: %v)", ErrDamaged, n, err)
		}
		m := detect(n, first, l.ret)
		if m == nil {
			if k := kindBySheetName(n); k != nil && len(first) > 0 {
				return nil, fmt.Errorf("sheet %s looks like a %s return but its header row lacks %s", n, k.Name, missingColumns(k, first, l.ret))
			}
			if !isNotesSheet(n) {
				l.res.Skipped = append(l.res.Skipped, n)
			}
			continue
		}
		plan = append(plan, sheetPlan{name: n, m: m})
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
	flush := func() error {
		rec := b.Cut()
		if rec == nil {
			return nil
		}
		defer rec.Release()
		return l.tx.Append(l.table(k), b.Schema, rec)
	}
	if k.Reference {
		if _, err := l.tx.Exec(areasIncomingSQL); err != nil {
			return err
		}
	}
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
		if l.opt.Progress != nil && l.res.Rows%50000 == 0 {
			l.opt.Progress(l.res.File, l.res.Rows)
		}
		if blank(rs.cells) {
			l.res.Blank++
			continue
		}
		h := maphash.String(l.seed, strings.Join(rs.cells, "\x1f"))
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
		area := l.readRow(k, m, rs, b)
		if len(rs.errs) > 0 {
			l.quarantine(k, m, rs, area)
			continue
		}
		if b.Full() {
			if err := flush(); err != nil {
				return err
			}
		}
	}
	if err := sh.Err(); err != nil {
		return l.refuse(fmt.Errorf("%w (sheet %s, after row %d: %v)", ErrDamaged, p.name, sh.RowNum(), err))
	}
	if err := flush(); err != nil {
		return err
	}
	if k.Reference {
		return l.upsertAreas()
	}
	return nil
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

// quarantine records a faulty row: one quarantine entry per fault.
func (l *loader) quarantine(k *schemas.Kind, m *mapping, rs *rowState, area string) {
	if l.quar == nil {
		l.quar = store.NewBatch(schemas.Quarantine.Columns)
		l.qrows = map[string]bool{}
	}
	l.qrows[rs.sheet+"!"+fmt.Sprint(rs.num)] = true
	if l.recheck.keepsFaults() {
		return // the row's entries from its load stay as they are
	}
	raw := l.rawJSON(k, m, rs.cells, rs.errs)
	period, hasPeriod := l.retPeriod()
	for i, e := range rs.errs {
		id := fmt.Sprintf("%d/%s/%d/%s/%d", l.loadID, rs.sheet, rs.num, e.Col, i)
		msg := e.Error()
		if l.opt.Keyring != nil {
			msg = l.opt.Keyring.Redact(msg) // the message quotes the cell, which may name someone
		}
		vals := []any{id, l.loadID, l.res.File, rs.sheet, int64(rs.num), e.Col, e.Column, k.Name, area, string(TypeOf(e)), msg, raw, nil}
		if hasPeriod {
			vals[len(vals)-1] = period
		}
		l.quarantineEntry(vals)
		l.res.Problems = append(l.res.Problems, e)
	}
}

// quarantineEntry adds one entry, its values in the quarantine's columns.
func (l *loader) quarantineEntry(vals []any) {
	for c, v := range vals {
		switch v := v.(type) {
		case string:
			if v == "" && c > 0 {
				l.quar.Null(c)
			} else {
				l.quar.String(c, v)
			}
		case int64:
			l.quar.Int(c, v)
		case int32:
			l.quar.Int32(c, v)
		case nil:
			l.quar.Null(c)
		}
	}
	l.quar.EndRow()
}

// retPeriod is the period the return gives for all its rows, if any.
func (l *loader) retPeriod() (int32, bool) {
	if l.ret == nil || l.ret.period == "" {
		return 0, false
	}
	p, ok, err := parsePeriod(l.ret.period)
	return p, ok && err == nil
}

// rawJSON keeps a quarantined row's cells as a JSON object keyed by column
// letter and header ("D: No. of attendees"), with names pseudonymised and
// excerpts redacted, so the quarantine holds no name. Empty cells are left
// out, but for those at fault (a required cell left empty), kept as "" so
// that their header is kept.
func (l *loader) rawJSON(k *schemas.Kind, m *mapping, cells []string, errs []*position.Error) string {
	faulty := map[int]bool{}
	width := len(cells)
	for _, e := range errs {
		if n, err := excelize.ColumnNameToNumber(e.Col); e.Col != "" && err == nil {
			faulty[n-1] = true
			width = max(width, n)
		}
	}
	var b strings.Builder
	b.WriteByte('{')
	n := 0
	for i := range width {
		c := ""
		if i < len(cells) {
			c = cells[i]
		}
		if strings.TrimSpace(c) == "" && !faulty[i] {
			continue
		}
		h, _ := excelize.ColumnNumberToName(i + 1)
		if i < len(m.headers) && strings.TrimSpace(m.headers[i]) != "" {
			h += ": " + strings.TrimSpace(m.headers[i])
		}
		v := c
		if strings.TrimSpace(c) != "" {
			v = l.private(k, m, cells, i, c)
		}
		if n > 0 {
			b.WriteByte(',')
		}
		n++
		kj, _ := json.Marshal(h)
		vj, _ := json.Marshal(v)
		b.Write(kj)
		b.WriteByte(':')
		b.Write(vj)
	}
	b.WriteByte('}')
	return b.String()
}

// private returns the value of cell i safe to store: pseudonym for a name,
// redacted text for an excerpt, anything else as written.
func (l *loader) private(k *schemas.Kind, m *mapping, cells []string, i int, v string) string {
	if i >= len(m.cols) || m.cols[i] == "" || l.opt.Keyring == nil {
		if i >= len(m.cols) || m.cols[i] == "" {
			// An unknown column may hold anything, names included.
			if l.opt.Keyring != nil {
				return l.opt.Keyring.Redact(v)
			}
		}
		return v
	}
	c := k.Column(m.cols[i])
	if c == nil {
		return v
	}
	if c.Type == schemas.Person || l.personWhen(k, c, m, cells) {
		return l.opt.Keyring.Pseudonym(v)
	}
	if c.Type == schemas.Excerpt || c.Type == schemas.Text {
		return l.opt.Keyring.Redact(v)
	}
	return v
}

// personWhen says whether a Text column holds a person's name in this row.
// It fails safe: when the column that says so is absent, blank or not one of
// its values, the name is treated as a person's.
func (l *loader) personWhen(k *schemas.Kind, c *schemas.Column, m *mapping, cells []string) bool {
	if c.PersonWhen == "" {
		return false
	}
	col, val, _ := strings.Cut(c.PersonWhen, "=")
	i, ok := m.index[col]
	if !ok || i >= len(cells) {
		return true
	}
	cond := k.Column(col)
	if cond == nil {
		return true
	}
	v, ok, err := parseEnum(cells[i], cond.Values)
	return err != nil || !ok || v == val
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

// writeQuarantine stores the quarantined rows' entries and counts the rows.
func (l *loader) writeQuarantine() error {
	if l.quar == nil {
		return nil
	}
	defer l.quar.Close()
	l.res.Quarantined = len(l.qrows)
	rec := l.quar.Cut()
	if rec == nil {
		return nil
	}
	defer rec.Release()
	return l.tx.Append("quarantine", l.quar.Schema, rec)
}

// user is who runs the load, as stored: a pseudonym.
func (l *loader) user() string {
	if l.opt.Keyring != nil && l.opt.User != "" {
		return l.opt.Keyring.Pseudonym(l.opt.User)
	}
	return l.opt.User
}

func (l *loader) now() string { return l.opt.Now().UTC().Format(time.RFC3339) }
