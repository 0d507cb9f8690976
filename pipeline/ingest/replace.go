package ingest

import (
	"database/sql"
	"fmt"
	"sort"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

// Choice says what a load does where another return already gave current
// rows for the same kind, area and period.
type Choice int

const (
	// Ask replaces only the rows of an earlier version of the same return
	// (SameReturn) and refuses the file, with a *ChoiceError, when rows of a
	// different return are there: obs does not guess.
	Ask Choice = iota
	// Add adds the rows to those there, quarantining the rows that exactly
	// repeat a current row (duplicate-row).
	Add
	// Replace replaces the current rows, whichever return gave them.
	Replace
)

// Replacement is current rows of one earlier load that a load replaced, for
// one kind, area and period.
type Replacement struct {
	Kind, Area, AreaName string
	Period               int32
	HasPeriod            bool
	Load                 int64  // the earlier load
	File                 string // its file
	Rows                 int    // its current rows replaced
	With                 int    // the rows the new load brought
	Chosen               bool   // the evaluator chose to replace; else a corrected return of the same name
}

// Where is the kind's area and period: "Birchfield 2021-22".
func (r Replacement) Where() string { return place(r.AreaName, r.Period, r.HasPeriod) }

// String says it for a person: "replaces 5 events of Birchfield 2021-22 from
// a.xlsx (load 1) with 2".
func (r Replacement) String() string {
	return fmt.Sprintf("replaces %s of %s from %s (load %d) with %d", rowsOf(r.Rows, r.Kind), r.Where(), r.File, r.Load, r.With)
}

// Reason says why the rows were replaced.
func (r Replacement) Reason() string {
	if r.Chosen {
		return "replace was chosen"
	}
	return "a corrected return: the same file name"
}

// held is the current rows of one earlier load in a kind, area and period
// this load brings rows to.
type held struct {
	key  partKey
	load int64
	file string
	rows int
}

// place writes an area and period for a person: "Birchfield 2021-22".
func place(area string, period int32, has bool) string {
	if !has {
		return area
	}
	return fmt.Sprintf("%s %d-%02d", area, period, (period+1)%100)
}

// rowsOf counts rows of a kind: "5 events", "1 row of partnership".
func rowsOf(n int, kind string) string {
	if kind == "events" {
		if n == 1 {
			return "1 event"
		}
		return fmt.Sprintf("%d events", n)
	}
	what := strings.ReplaceAll(kind, "_", " ")
	if n == 1 {
		return "1 row of " + what
	}
	return fmt.Sprintf("%d rows of %s", n, what)
}

// settle decides, for every kind, area and period this load brings rows to
// that already has current rows from other loads, what becomes of those
// rows. The rows of an earlier version of the same return (SameReturn) are
// always replaced: this is its correction. The rows of other returns are
// kept and added to (Add), replaced (Replace), or, when the evaluator has not
// said (Ask), the file is refused with a *ChoiceError. It runs after the
// file's rows are stored and before anything else is written, so a refusal
// rolls back the rows alone; it marks the replaced rows in history, and with
// Add it quarantines the new rows that repeat a current row.
func (l *loader) settle() error {
	hs, err := l.held()
	if err != nil || len(hs) == 0 {
		return err
	}
	corrects := map[partKey]bool{}
	for _, h := range hs {
		if SameReturn(h.file, l.res.File) {
			corrects[h.key] = true
		}
	}
	ce := &ChoiceError{File: l.res.File}
	counted := map[partKey]bool{}
	for _, h := range hs {
		switch {
		case SameReturn(h.file, l.res.File):
			l.replaceHeld(h, false)
		case corrects[h.key], l.opt.Choice == Add:
			// kept: rows added to this part before, or now
		case l.opt.Choice == Replace:
			l.replaceHeld(h, true)
		default:
			ce.Held = append(ce.Held, l.heldAt(h))
			if !counted[h.key] {
				counted[h.key] = true
				ce.New += l.parts[h.key].rows
			}
			ce.Old += h.rows
		}
	}
	if len(ce.Held) > 0 {
		for k, p := range l.parts {
			if !counted[k] && k.kind != "areas" {
				ce.Elsewhere += p.rows
			}
		}
		return ce
	}
	if err := l.supersedeRows(); err != nil {
		return err
	}
	if l.opt.Choice == Add {
		if err := l.dropDuplicates(hs); err != nil {
			return err
		}
	}
	for i := range l.res.Replaced {
		r := &l.res.Replaced[i]
		r.With = l.parts[partKey{r.Kind, r.Area, r.Period, r.HasPeriod}].rows
	}
	return nil
}

func (l *loader) heldAt(h held) HeldRows {
	return HeldRows{Kind: h.key.kind, Area: l.areaName(h.key.area), Period: h.key.period, HasPeriod: h.key.hasPeriod,
		Load: h.load, File: h.file, Rows: h.rows, New: l.parts[h.key].rows}
}

func (l *loader) areaName(id string) string {
	if n := l.areas.names[id]; n != "" {
		return n
	}
	return id
}

func (l *loader) replaceHeld(h held, chosen bool) {
	l.res.Replaced = append(l.res.Replaced, Replacement{Kind: h.key.kind, Area: h.key.area, AreaName: l.areaName(h.key.area),
		Period: h.key.period, HasPeriod: h.key.hasPeriod, Load: h.load, File: h.file, Rows: h.rows,
		With: l.parts[h.key].rows, Chosen: chosen})
}

// held lists the current rows of other loads in the kinds, areas and
// periods this load brings rows to, by load.
func (l *loader) held() ([]held, error) {
	var out []held
	for _, k := range l.res.Kinds {
		kind := schemas.KindByName(k)
		if kind.Reference {
			continue
		}
		rows, err := l.tx.Conn.QueryContext(l.txCtx(), fmt.Sprintf(heldSQL, kind.HistoryTable()), l.loadID)
		if err != nil {
			return nil, err
		}
		for rows.Next() {
			var h held
			var period sql.NullInt32
			if err := rows.Scan(&h.key.area, &period, &h.load, &h.file, &h.rows); err != nil {
				rows.Close()
				return nil, err
			}
			h.key.kind, h.key.period, h.key.hasPeriod = k, period.Int32, period.Valid
			out = append(out, h)
		}
		rows.Close()
		if err := rows.Err(); err != nil {
			return nil, err
		}
	}
	return out, nil
}

// supersedeRows marks the current rows the load replaces
// (l.res.Replaced) as replaced by it: current figures use the new rows, the
// old stay in history with their load.
func (l *loader) supersedeRows() error {
	for _, r := range l.res.Replaced {
		q := fmt.Sprintf(supersedeRowsSQL, schemas.KindByName(r.Kind).HistoryTable())
		if _, err := l.tx.Exec(q, l.loadID, r.Load, r.Area, nullPeriod(r.Period, r.HasPeriod)); err != nil {
			return err
		}
	}
	return nil
}

func nullPeriod(p int32, has bool) sql.NullInt32 { return sql.NullInt32{Int32: p, Valid: has} }

// supersede records each replacement with its counts, marks the parts
// replaced, and marks an earlier load superseded once none of its parts is
// current.
func (l *loader) supersede() error {
	if len(l.res.Replaced) == 0 {
		return nil
	}
	b := store.NewBatch(schemas.Replacements.Columns)
	defer b.Close()
	loads := map[int64]bool{}
	for _, r := range l.res.Replaced {
		loads[r.Load] = true
		b.String(0, fmt.Sprintf("%d/%s/%s/%d/%d", l.loadID, r.Kind, r.Area, r.Period, r.Load))
		b.Int(1, l.loadID)
		b.String(2, r.Kind)
		b.String(3, r.Area)
		if r.HasPeriod {
			b.Int32(4, r.Period)
		} else {
			b.Null(4)
		}
		b.Int(5, r.Load)
		b.Int(6, int64(r.Rows))
		b.Int(7, int64(r.With))
		b.String(8, map[bool]string{true: "chosen", false: "corrected"}[r.Chosen])
		b.EndRow()
	}
	rec := b.Cut()
	defer rec.Release()
	if err := l.tx.Append("replacements", b.Schema, rec); err != nil {
		return err
	}
	if _, err := l.tx.Exec(supersedePartsSQL, l.loadID); err != nil {
		return err
	}
	for id := range loads {
		l.res.Supersedes = append(l.res.Supersedes, id)
	}
	sort.Slice(l.res.Supersedes, func(i, j int) bool { return l.res.Supersedes[i] < l.res.Supersedes[j] })
	_, err := l.tx.Exec(supersedeLoadsSQL, l.loadID)
	return err
}

// ReplacementLines says replacements for a person, each with its reason: a
// line for each area and period, or, when one earlier load lost rows in more
// than three, one line for that load and kind with the totals.
func ReplacementLines(rs []Replacement) []string {
	type key struct {
		load   int64
		kind   string
		chosen bool
	}
	var order []key
	groups := map[key][]Replacement{}
	for _, r := range rs {
		k := key{r.Load, r.Kind, r.Chosen}
		if groups[k] == nil {
			order = append(order, k)
		}
		groups[k] = append(groups[k], r)
	}
	var out []string
	for _, k := range order {
		g := groups[k]
		if len(g) <= 3 {
			for _, r := range g {
				out = append(out, r.String()+" ("+r.Reason()+")")
			}
			continue
		}
		rows, with := 0, 0
		for _, r := range g {
			rows, with = rows+r.Rows, with+r.With
		}
		out = append(out, fmt.Sprintf("replaces %s in %d areas and years from %s (load %d) with %d (%s)",
			rowsOf(rows, k.kind), len(g), g[0].File, k.load, with, g[0].Reason()))
	}
	return out
}
