package ingest

import (
	"context"
	"database/sql"
	_ "embed"
	"fmt"
	"strings"

	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

// Re-checking quarantined rows. A row quarantined for want of something the
// database did not know (an area added since, another --area-from) loads
// when it is checked again and now passes. Rows that load join their own
// load: the same load_id, sheet and row as had they loaded the first time,
// so they keep their file and cell, a later correction of that return
// replaces them with the rest, and the load's counts stay whole (rows read =
// loaded + quarantined + blank). Each re-check that loads rows is recorded in
// the rechecks table, numbered with the loads, so the change has a trace.
//
// There are two ways in. Loading again a file whose bytes were loaded
// before reads the file again, but only the rows its load left in
// quarantine (so --area-from, and what the file alone says, apply afresh);
// the entries of rows that still fail are written anew. Recheck works
// from what the quarantine kept of each row (its cells, names already
// pseudonymised) for when the file is not at hand; the entries of rows that
// still fail stay as they were.

var (
	//go:embed sql/recheck_rows.sql
	recheckRowsSQL string
	//go:embed sql/recheck_all.sql
	recheckAllSQL string
	//go:embed sql/recheck_parts.sql
	recheckPartsSQL string
	//go:embed sql/recheck_superseded.sql
	recheckSupersededSQL string
)

// recheckSet is the quarantined rows of one load being checked again.
type recheckSet struct {
	how  string          // for the rechecks table
	rows map[string]bool // sheet!row
	keep bool            // leave the entries of rows that still fail as they are
	seen map[string]bool // the rows found and checked again
	// csvSheet is the sheet name the load gave a CSV file (its file name,
	// which a renamed copy does not share).
	csvSheet string
}

func rowKey(sheet string, row int) string { return fmt.Sprintf("%s!%d", sheet, row) }

// take says whether the row is to be read (every row when not
// re-checking), and notes it as checked again.
func (s *recheckSet) take(sheet string, row int) bool {
	if s == nil {
		return true
	}
	k := rowKey(sheet, row)
	if !s.rows[k] {
		return false
	}
	if s.seen == nil {
		s.seen = map[string]bool{}
	}
	s.seen[k] = true
	return true
}

func (s *recheckSet) keepsFaults() bool { return s != nil && s.keep }

// sheet is the name the load gave the sheet the reader calls name.
func (s *recheckSet) sheet(name string) string {
	if s != nil && s.csvSheet != "" {
		return s.csvSheet
	}
	return name
}

// forCSV notes the sheet name a CSV file had when it was loaded.
func (s *recheckSet) forCSV(wb workbook) {
	if _, ok := wb.(*csvBook); !ok || s == nil {
		return
	}
	for k := range s.rows {
		s.csvSheet, _ = splitRowKey(k)
	}
}

// newLoadID numbers a new load; a re-check keeps the load it re-checks.
// The number is taken outside the load's transaction where the database is
// at hand, committed at once: a file refused from here on uses one up,
// whatever else the run writes.
func (l *loader) newLoadID(tx *store.Tx) error {
	if l.recheck == nil {
		q := tx.QueryRow
		if l.db != nil {
			q = func(s string, args ...any) *sql.Row { return l.db.QueryRowContext(l.ctx, s, args...) }
		}
		if err := q(nextLoadSQL).Scan(&l.loadID); err != nil {
			return err
		}
	}
	l.res.LoadID = l.loadID
	return nil
}

// quarantinedRows is what load id left in quarantine; nil when nothing.
func quarantinedRows(ctx context.Context, db *sql.DB, id int64, how string) (*recheckSet, error) {
	rows, err := db.QueryContext(ctx, recheckRowsSQL, id)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	s := &recheckSet{how: how, rows: map[string]bool{}}
	for rows.Next() {
		var sheet string
		var row int
		if err := rows.Scan(&sheet, &row); err != nil {
			return nil, err
		}
		s.rows[rowKey(sheet, row)] = true
	}
	if len(s.rows) == 0 {
		return nil, rows.Err()
	}
	return s, rows.Err()
}

// finishRecheck writes what a re-check loaded into its load: the parts,
// the counts, the entries of the rows that loaded gone, and the trace.
func (l *loader) finishRecheck() error {
	s := l.recheck
	l.res.Rows = len(s.seen)
	l.res.Loaded = l.res.Rows - l.res.Quarantined
	if l.res.Loaded == 0 {
		return nil
	}
	if _, err := l.tx.Exec(recheckPartsTableSQL); err != nil {
		return err
	}
	if err := l.writeParts("recheck_parts"); err != nil {
		return err
	}
	for _, q := range strings.Split(recheckPartsSQL, ";\n") {
		var args []any
		if strings.Contains(q, "$") {
			args = []any{l.loadID, l.res.Loaded}
		}
		if _, err := l.tx.Exec(q, args...); err != nil {
			return fmt.Errorf("re-check of load %d: %w", l.loadID, err)
		}
	}
	for _, k := range l.res.Kinds {
		kind := schemas.KindByName(k)
		if kind == nil || kind.Reference {
			continue
		}
		if _, err := l.tx.Exec(fmt.Sprintf(recheckSupersededSQL, kind.HistoryTable()), l.loadID, k); err != nil {
			return err
		}
	}
	_, err := l.tx.Exec(recheckRecordSQL,
		l.loadID, s.how, l.res.Rows, l.res.Loaded, l.now(), l.user())
	return err
}

// clearRechecked deletes the quarantine entries of the rows checked again,
// before those that still fail are written anew; when the entries are kept,
// only those of the rows that now load go.
func (l *loader) clearRechecked() error {
	s := l.recheck
	for k := range s.seen {
		if s.keep && l.qrows[k] {
			continue
		}
		sheet, row := splitRowKey(k)
		// Few rows, each named by its key: one statement a row.
		if _, err := l.tx.Exec(quarantineRowClearSQL, l.loadID, sheet, row); err != nil {
			return err
		}
	}
	return nil
}

func splitRowKey(k string) (string, int) {
	i := strings.LastIndexByte(k, '!')
	var row int
	fmt.Sscan(k[i+1:], &row)
	return k[:i], row
}

// recheckFile re-reads path, whose bytes load prev loaded, for the rows
// prev left in quarantine, in one transaction. It returns false when there
// are none.
func recheckFile(ctx context.Context, st *store.Store, path, sum string, prev int64, opt Options, res *Result) (bool, error) {
	how := "file loaded again"
	if isQDA(path) {
		how += qdaFlags(opt)
	}
	set, err := quarantinedRows(ctx, st.DB, prev, how)
	if err != nil || set == nil {
		return false, err
	}
	// The rows keep the name the file had when it was loaded.
	res.GivenAs = res.File
	if err := st.DB.QueryRowContext(ctx, loadFileSQL, prev).Scan(&res.File); err != nil {
		return false, err
	}
	res.LoadID = prev
	l := &loader{opt: opt, res: res, path: path, sha: sum, epoch: excelEpoch, recheck: set, loadID: prev}
	return true, st.InTx(ctx, func(tx *store.Tx) error { return l.run(ctx, tx) })
}
