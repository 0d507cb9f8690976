package ingest

import (
	"encoding/json"
	"fmt"
	"strings"

	"github.com/xuri/excelize/v2"

	"github.com/ourbiggerstory/obs/pipeline/position"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

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
		return l.opt.Keyring.Pseudonym(plainName(v))
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
