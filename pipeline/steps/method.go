package steps

import (
	"context"
	"database/sql"
	"errors"
	"fmt"
	"strconv"
	"strings"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// ErrNoMethodVersion: no saved version of the method has that number.
var ErrNoMethodVersion = errors.New("there is no such version of the method")

// CurrentMethod is the method the results follow: the latest saved
// version; with none saved, the settings the results were last made with
// (analysis.PreviousOptions) as version 0.
func CurrentMethod(ctx context.Context, db *sql.DB) (*analysis.Method, error) {
	ms, err := methodVersions(ctx, db, 0, true)
	if err != nil || len(ms) > 0 {
		if len(ms) > 0 {
			return ms[0], nil
		}
		return nil, err
	}
	defs, err := analysis.LoadDefinitions(analysis.BuiltinDefinitions(), "")
	if err != nil {
		return nil, err
	}
	sopt, copt, err := analysis.PreviousOptions(ctx, db, defs)
	if err != nil {
		return nil, err
	}
	m, err := analysis.MethodOf(sopt, copt, defs)
	if err != nil {
		return nil, err
	}
	m.Note = "the settings in use; no version saved yet"
	return m, nil
}

// ResultOptions are the options the results are made with: those of the
// latest saved version of the method (MethodOptions), or with none saved,
// the settings the results were last made with (analysis.PreviousOptions).
func ResultOptions(ctx context.Context, db *sql.DB, defs *analysis.Definitions) (analysis.ScoreOptions, analysis.ClassifyOptions, error) {
	m, err := SavedMethod(ctx, db)
	if err != nil {
		return analysis.ScoreOptions{}, analysis.ClassifyOptions{}, err
	}
	if m == nil {
		return analysis.PreviousOptions(ctx, db, defs)
	}
	return MethodOptions(ctx, db, m, defs)
}

// MethodOptions are the options of method m (m.Options) with, for what a
// method does not hold (the Monte Carlo draws, the sensitivity's samples,
// the reference resident definition, the label-stability draws, the
// intercoder overlap), the settings the results were last made with.
func MethodOptions(ctx context.Context, db *sql.DB, m *analysis.Method, defs *analysis.Definitions) (analysis.ScoreOptions, analysis.ClassifyOptions, error) {
	sopt, copt, err := m.Options(defs)
	if err != nil {
		return sopt, copt, err
	}
	ps, pc, err := analysis.PreviousOptions(ctx, db, defs)
	if err != nil {
		return sopt, copt, err
	}
	sopt.Draws, sopt.Samples, sopt.ResidentDef = ps.Draws, ps.Samples, ps.ResidentDef
	copt.Draws, copt.Overlap, copt.LogOdds = pc.Draws, pc.Overlap, pc.LogOdds
	if m.Version > 0 {
		sopt.Method = fmt.Sprintf("version %d of the method", m.Version)
		copt.Method = sopt.Method
	}
	return sopt, copt, nil
}

// SavedMethod is the latest saved version of the method, or nil when none
// is saved.
func SavedMethod(ctx context.Context, db *sql.DB) (*analysis.Method, error) {
	ms, err := methodVersions(ctx, db, 0, true)
	if err != nil || len(ms) == 0 {
		return nil, err
	}
	return ms[0], nil
}

// MethodVersions are the saved versions of the method, newest first.
func MethodVersions(ctx context.Context, db *sql.DB) ([]*analysis.Method, error) {
	return methodVersions(ctx, db, 0, false)
}

// MethodVersion is saved version v of the method; ErrNoMethodVersion
// (wrapped, saying which there are) when there is none.
func MethodVersion(ctx context.Context, db *sql.DB, v int) (*analysis.Method, error) {
	if v > 0 {
		ms, err := methodVersions(ctx, db, v, false)
		if err != nil || len(ms) > 0 {
			if len(ms) > 0 {
				return ms[0], nil
			}
			return nil, err
		}
	}
	latest, err := SavedMethod(ctx, db)
	if err != nil {
		return nil, err
	}
	if latest == nil {
		return nil, fmt.Errorf("version %d: %w; none is saved yet ('obs method save' or the Method page saves one)", v, ErrNoMethodVersion)
	}
	return nil, fmt.Errorf("version %d: %w; the versions are 1 to %d ('obs method' lists them)", v, ErrNoMethodVersion, latest.Version)
}

// methodVersions reads version v (0: every version, or only the latest
// when latest), newest first, with their files.
func methodVersions(ctx context.Context, db *sql.DB, v int, latest bool) ([]*analysis.Method, error) {
	var has int
	if err := db.QueryRowContext(ctx, methodExistsSQL).Scan(&has); err != nil || has == 0 {
		return nil, err
	}
	rows, err := db.QueryContext(ctx, methodListSQL)
	if err != nil {
		return nil, fmt.Errorf("reading the method's versions: %w", err)
	}
	defer rows.Close()
	var out []*analysis.Method
	byVersion := map[int]*analysis.Method{}
	for rows.Next() {
		m := &analysis.Method{Files: map[string][]byte{}}
		var at, seed string
		if err := rows.Scan(&m.Version, &at, &m.SavedBy, &m.Note, &m.Normalisation, &m.Aggregation, &m.Coverage, &seed, &m.Margin); err != nil {
			return nil, err
		}
		if m.SavedAt, err = time.Parse(time.RFC3339, at); err != nil {
			return nil, fmt.Errorf("method version %d: the time it was saved, %q, cannot be read", m.Version, at)
		}
		if m.Seed, err = strconv.ParseUint(seed, 10, 64); err != nil {
			return nil, fmt.Errorf("method version %d: the seed %q is not a whole number", m.Version, seed)
		}
		if (v == 0 || m.Version == v) && !(latest && len(out) > 0) {
			out = append(out, m)
			byVersion[m.Version] = m
		}
	}
	if err := rows.Err(); err != nil || len(out) == 0 {
		return nil, err
	}
	if latest || v != 0 {
		v = out[0].Version
	}
	files, err := db.QueryContext(ctx, methodFilesSQL, v)
	if err != nil {
		return nil, fmt.Errorf("reading the method's files: %w", err)
	}
	defer files.Close()
	for files.Next() {
		var n int
		var name, text string
		if err := files.Scan(&n, &name, &text); err != nil {
			return nil, err
		}
		if m := byVersion[n]; m != nil {
			m.Files[name] = []byte(text)
		}
	}
	return out, files.Err()
}

// SaveMethod saves m as a new version (numbered after the last) once it
// reads as 'obs score' and 'obs classify' would read it (m.Options: the
// files' own messages otherwise), and records it in the audit table. An
// empty note becomes the list of what changed since the latest version.
// A first save that changes a setting also keeps the settings it replaces,
// as version 1, so that they can be compared and restored like any other. m.SavedBy must be a
// pseudonym. It sets m.Version and m.SavedAt.
func SaveMethod(ctx context.Context, st *store.Store, m *analysis.Method) (int, error) {
	defs, err := analysis.LoadDefinitions(analysis.BuiltinDefinitions(), "")
	if err != nil {
		return 0, err
	}
	m.Version = 0
	if _, _, err := m.Options(defs); err != nil {
		return 0, err
	}
	was, err := CurrentMethod(ctx, st.DB)
	if err != nil {
		return 0, err
	}
	changes := analysis.CompareMethods(was, m, defs)
	if strings.TrimSpace(m.Note) == "" {
		m.Note = changeNote(changes)
	}
	if m.SavedAt.IsZero() {
		m.SavedAt = time.Now().UTC()
	}
	if was.Version == 0 && len(changes) > 0 {
		first := was.Clone()
		first.SavedBy, first.SavedAt, first.Note = m.SavedBy, m.SavedAt, "the settings in use before the first version was saved"
		if err := insertMethod(ctx, st, first); err != nil {
			return 0, err
		}
	}
	return m.Version, insertMethod(ctx, st, m)
}

// insertMethod writes m as the next version, in one transaction, sets
// m.Version, and records the save in the audit table.
func insertMethod(ctx context.Context, st *store.Store, m *analysis.Method) error {
	var v int
	err := st.InTx(ctx, func(tx *store.Tx) error {
		if err := tx.QueryRow(methodInsertSQL, m.SavedAt.UTC().Format(time.RFC3339), m.SavedBy, m.Note, m.Normalisation, m.Aggregation,
			m.Coverage, strconv.FormatUint(m.Seed, 10), m.Margin).Scan(&v); err != nil {
			return fmt.Errorf("saving the method: %w", err)
		}
		for name, text := range m.Files {
			if _, err := tx.Exec(methodFileInsertSQL, v, name, string(text)); err != nil {
				return fmt.Errorf("saving the method's %s: %w", name, err)
			}
		}
		return nil
	})
	if err != nil {
		return err
	}
	m.Version = v
	return Audit(ctx, st, m.SavedBy, ActionSettings, fmt.Sprintf("saved method version %d: %s", v, m.Note))
}

// changeNote says in a line what changed: the settings, the first few by name.
func changeNote(changes []analysis.MethodChange) string {
	if len(changes) == 0 {
		return "saved unchanged"
	}
	var names []string
	for i, c := range changes {
		if i == 4 {
			names = append(names, fmt.Sprintf("and %d more", len(changes)-i))
			break
		}
		names = append(names, c.Setting)
	}
	return "changed " + strings.Join(names, ", ")
}

// RestoreMethod saves a copy of version v as a new version, noted
// "restored from version v", by by (a pseudonym); it returns the new
// version's number. The results follow it when next made (Recompute).
func RestoreMethod(ctx context.Context, st *store.Store, v int, by string) (int, error) {
	old, err := MethodVersion(ctx, st.DB, v)
	if err != nil {
		return 0, err
	}
	m := old.Clone()
	m.SavedBy, m.Note, m.SavedAt = by, fmt.Sprintf("restored from version %d", v), time.Time{}
	return SaveMethod(ctx, st, m)
}
