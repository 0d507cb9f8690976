package steps

import (
	"context"
	"database/sql"
	"fmt"
	"sort"
	"strings"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/analysis"
	"github.com/ourbiggerstory/obs/pipeline/ingest"
	"github.com/ourbiggerstory/obs/pipeline/store"
	"github.com/ourbiggerstory/obs/schemas"
)

// Actions recorded in the audit table.
const (
	ActionLoad      = "load"
	ActionRecheck   = "recheck"
	ActionRecompute = "recompute"
	ActionScore     = "score"
	ActionClassify  = "classify"
	ActionOverride  = "override"
	ActionSettings  = "settings"
)

// Every step with effects (Load, Recheck, Score, Classify, SetOverride,
// Results.Write) records who took it in the audit table, so that changes
// made at the command line and through the web are listed together. Who is
// carried by the context (As), set by each door once: the web's signed-in
// person, the command line's user name, each as a pseudonym.

type actorKey struct{}

// As is ctx saying who acts: a pseudonym (privacy.Keyring.PseudonymOnly of
// the person's sign-in or user name), never a name.
func As(ctx context.Context, who string) context.Context {
	return context.WithValue(ctx, actorKey{}, who)
}

// actor is who acts in ctx; for a load or re-check that ctx does not say,
// the pseudonym of the account opt names.
func actor(ctx context.Context, opt *ingest.Options) string {
	if who, ok := ctx.Value(actorKey{}).(string); ok {
		return who
	}
	if opt != nil && opt.Keyring != nil {
		return opt.Keyring.PseudonymOnly(opt.User)
	}
	return ""
}

// execer is a database or a transaction's connection.
type execer interface {
	ExecContext(ctx context.Context, query string, args ...any) (sql.Result, error)
}

// Audit records in the audit table that who (a pseudonym, never a name:
// privacy.Keyring.Pseudonym) did action, with detail saying what it was.
func Audit(ctx context.Context, st *store.Store, who, action, detail string) error {
	return audit(ctx, st.DB, who, action, detail)
}

func audit(ctx context.Context, db execer, who, action, detail string) error {
	_, err := db.ExecContext(ctx, auditInsertSQL, time.Now().UTC().Format(time.RFC3339), who, action, detail)
	return err
}

// loadDetail is what the audit table says of one file loaded.
func loadDetail(res *ingest.Result) string {
	switch {
	case res.Refused != nil:
		why, _, _ := strings.Cut(res.Refused.Error(), "\n")
		return fmt.Sprintf("%s: refused: %s", res.File, why)
	case res.AlreadyLoaded:
		return fmt.Sprintf("%s: already loaded (load %d)", res.File, res.PreviousLoad)
	}
	return fmt.Sprintf("%s (load %d): %d rows loaded, %d quarantined", res.File, res.LoadID, res.Loaded, res.Quarantined)
}

// overridesSet are the overrides labels carry, one line each by area and
// period.
type overridesSet map[string]string

func overrideKey(area string, period int) string {
	return area + " " + schemas.Period(period).String()
}

// currentOverrides are the overrides the stored labels carry.
func currentOverrides(ctx context.Context, tx *store.Tx) (overridesSet, error) {
	rows, err := tx.Conn.QueryContext(ctx, overridesAppliedSQL)
	if err != nil {
		return nil, err
	}
	defer rows.Close()
	out := overridesSet{}
	for rows.Next() {
		var area, label, why, by string
		var period int
		if err := rows.Scan(&area, &period, &label, &why, &by); err != nil {
			return nil, err
		}
		out[overrideKey(area, period)] = overrideLine(label, why, by)
	}
	return out, rows.Err()
}

func overrideLine(label, why, by string) string {
	return fmt.Sprintf("%s by %s (%s)", label, by, why)
}

// overridesOf are the overrides a classification applies.
func overridesOf(res *analysis.ClassifyResult) overridesSet {
	out := overridesSet{}
	for _, c := range res.Classifications {
		if c.OverrideLabel != "" {
			out[overrideKey(c.Area, c.Period)] = overrideLine(c.OverrideLabel, c.OverrideReason, c.OverrideBy)
		}
	}
	return out
}

// overrideChanges says which overrides differ between was and now, the
// first few by area and period: "" when none do.
func overrideChanges(was, now overridesSet) string {
	var lines []string
	for k, v := range now {
		switch old, ok := was[k]; {
		case !ok:
			lines = append(lines, fmt.Sprintf("%s set to %s", k, v))
		case old != v:
			lines = append(lines, fmt.Sprintf("%s changed to %s", k, v))
		}
	}
	for k := range was {
		if _, ok := now[k]; !ok {
			lines = append(lines, fmt.Sprintf("%s removed (the computed label stands)", k))
		}
	}
	if len(lines) == 0 {
		return ""
	}
	sort.Strings(lines)
	if len(lines) > 5 {
		lines = append(lines[:5], fmt.Sprintf("and %d more", len(lines)-5))
	}
	return "overrides: " + strings.Join(lines, "; ")
}
