package ingest

import (
	"fmt"
	"strings"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

// readRow parses one data row of kind k into the batch b, or records its
// faults in rs.errs (and then adds nothing to b). It returns the row's area
// id when it could be read.
func (l *loader) readRow(k *schemas.Kind, m *mapping, rs *rowState, b *store.Batch) string {
	cell := func(name string) (string, int) {
		i, ok := m.index[name]
		if !ok || i >= len(rs.cells) {
			return "", i
		}
		return rs.cells[i], i
	}
	// Area and period first: they place the row.
	area := ""
	if !k.Reference {
		raw, i := cell("area")
		_, has := m.index["area"]
		switch {
		case has && !isMissing(raw):
			id, err := l.areas.resolve(raw)
			if err != nil {
				l.fail(rs, m, i, UnknownArea, err)
			}
			area = id
		case l.ret != nil && l.ret.area != "":
			area = l.ret.area
		default:
			if !has {
				i = -1
			}
			l.fail(rs, m, i, MissingCell, fmt.Errorf("no area: fill in the area (its id or name) or give the workbook a Return sheet naming it"))
		}
	}
	var vals [32]any // parsed values by position in k.Columns; nil = missing
	cells := m.columnCells()
	for ci := range k.Columns {
		c := &k.Columns[ci]
		i, raw := cells[ci], ""
		if i >= 0 && i < len(rs.cells) {
			raw = rs.cells[i]
		}
		v, err := l.parse(k, c, m, rs.cells, raw)
		switch {
		case err != nil:
			l.fail(rs, m, i, errorType(err), err)
		case v == nil && c.Required:
			l.fail(rs, m, i, MissingCell, fmt.Errorf("%s is required but the cell is empty; fill it in, or delete the row if it is not a real record", c.Name))
		}
		vals[ci] = v
	}
	// Period: the return's own column, else the date the kind takes it from, else the Return sheet.
	var period int32
	hasPeriod := false
	if k.HasPeriod {
		raw, i := cell("period")
		p, ok, err := parsePeriod(raw)
		switch {
		case err != nil:
			l.fail(rs, m, i, TypeError, err)
		case ok:
			period, hasPeriod = p, true
		}
	} else if k.PeriodFrom != "" {
		for ci, c := range k.Columns {
			if c.Name == k.PeriodFrom && vals[ci] != nil {
				period, hasPeriod = periodOf(vals[ci].(time.Time)), true
				l.checkPeriod(rs, m, c.Name, vals[ci].(time.Time))
			}
		}
	}
	if !hasPeriod && l.ret != nil && l.ret.period != "" {
		p, _, _ := parsePeriod(l.ret.period)
		period, hasPeriod = p, true
	}
	if !hasPeriod && !k.Reference && (k.HasPeriod || k.Column(k.PeriodFrom).Required) && len(rs.errs) == 0 {
		_, i := cell("period")
		if _, has := m.index["period"]; !has {
			i = -1
		}
		l.fail(rs, m, i, MissingCell, fmt.Errorf("no period: fill in the reporting year (2019-20) or give the workbook a Return sheet with the period"))
	}
	if len(rs.errs) > 0 {
		return area
	}
	if l.checkRow(k, m, rs, vals[:len(k.Columns)]); len(rs.errs) > 0 {
		return area
	}
	if k.Reference {
		id := areaID(vals[0].(string))
		vals[0] = id
		l.areas.add(id, vals[1].(string))
		area = id
	}
	// All good: add the row.
	col := 0
	if !k.Reference {
		b.Int(0, l.loadID)
		b.String(1, rs.sheet)
		b.Int(2, int64(rs.num))
		b.String(3, area)
		if hasPeriod {
			b.Int32(4, period)
		} else {
			b.Null(4)
		}
		col = len(schemas.SystemColumns)
	}
	for ci, c := range k.Columns {
		setValue(b, col+ci, c.Type, vals[ci])
	}
	if k.Reference {
		b.Int(len(k.Columns), l.loadID)
	} else {
		b.Null(col + len(k.Columns)) // superseded_by
	}
	b.EndRow()
	l.addPart(k.Name, area, period, hasPeriod, rs)
	return area
}

// checkPeriod quarantines a row dated (d, in column) outside the reporting
// year its workbook's Return sheet names: it belongs to another year's return.
func (l *loader) checkPeriod(rs *rowState, m *mapping, column string, d time.Time) {
	if l.ret == nil || l.ret.period == "" || l.ret.period == fmt.Sprint(periodOf(d)) {
		return
	}
	p, _, _ := parsePeriod(l.ret.period)
	l.fail(rs, m, m.index[column], ConstraintError, constraintErr{fmt.Sprintf("%s is %s, the year the Return sheet names; check the date, or send the row with the %s return",
		d.Format("02/01/2006"), schemas.Period(p).NotIn(), schemas.PeriodOf(d))})
}

func setValue(b *store.Batch, i int, t schemas.Type, v any) {
	if v == nil {
		b.Null(i)
		return
	}
	switch v := v.(type) {
	case string:
		b.String(i, v)
	case int64:
		b.Int(i, v)
	case float64:
		b.Float(i, v)
	case bool:
		b.Bool(i, v)
	case time.Time:
		b.Date(i, v)
	}
}

// parse reads one cell by its column's type; nil means missing.
func (l *loader) parse(k *schemas.Kind, c *schemas.Column, m *mapping, cells []string, raw string) (any, error) {
	var v any
	var ok bool
	var err error
	if c.Type == schemas.Count || c.Type == schemas.Number || c.Type == schemas.Money {
		if raw, err = numberText(raw, c.Type, l.decimalComma); err != nil {
			return nil, err
		}
	}
	switch c.Type {
	case schemas.Count:
		v, ok, err = parseCount(raw)
	case schemas.Number, schemas.Money:
		v, ok, err = parseAmount(raw)
	case schemas.Date:
		v, ok, err = parseDateIn(raw, l.epoch)
	case schemas.Month:
		v, ok, err = parseMonthIn(raw, l.epoch)
	case schemas.Bool:
		v, ok, err = parseBool(raw)
	case schemas.Enum:
		v, ok, err = parseEnum(raw, c.Values)
		if err != nil && c.YesNo[0] != "" {
			if yes, isBool, berr := parseBool(raw); berr == nil && isBool {
				v, ok, err = c.YesNo[1], true, nil
				if yes {
					v = c.YesNo[0]
				}
			}
		}
	default: // text, person, excerpt
		if isMissing(raw) {
			return nil, nil
		}
		if err := checkExcelError(raw); err != nil {
			return nil, err
		}
		s := nfc(strings.TrimSpace(raw))
		if l.opt.Keyring != nil {
			switch {
			case c.Type == schemas.Person || l.personWhen(k, c, m, cells):
				s = l.opt.Keyring.Pseudonym(plainName(s))
			case k.Reference: // an area's name, id, local authority: places, never people
				l.opt.Keyring.NotNames(s)
			case c.Type == schemas.Excerpt || c.Type == schemas.Text:
				s = l.opt.Keyring.Redact(s) // free text may name someone the returns name
			}
		}
		if c.Type == schemas.CodePath {
			s = codePath(s)
		}
		return s, nil
	}
	if !ok || err != nil {
		return nil, err
	}
	return v, nil
}

func (l *loader) addPart(kind, area string, period int32, hasPeriod bool, rs *rowState) {
	if l.parts == nil {
		l.parts = map[partKey]*part{}
	}
	key := partKey{kind, area, period, hasPeriod}
	p := l.parts[key]
	if p == nil {
		p = &part{sheet: rs.sheet, first: rs.num}
		l.parts[key] = p
	}
	p.last = rs.num
	p.rows++
}

var codeSeps = strings.NewReplacer("\\", "/", ">", "/", "::", "/")

// codePath writes a code as a path with "/" between levels, whatever the
// software used: NVivo and MAXQDA write "Parent\\Child", MAXQDA also
// "Parent > Child". Spaces around the separators go.
func codePath(s string) string {
	parts := strings.Split(codeSeps.Replace(s), "/")
	out := parts[:0]
	for _, p := range parts {
		if p = strings.TrimSpace(p); p != "" {
			out = append(out, p)
		}
	}
	return strings.Join(out, "/")
}
