package steps

import (
	"context"
	"time"

	"github.com/ourbiggerstory/obs/pipeline/store"
)

// Actions recorded in the audit table.
const (
	ActionLoad      = "load"
	ActionRecheck   = "recheck"
	ActionRecompute = "recompute"
	ActionOverride  = "override"
	ActionSettings  = "settings"
)

// Audit records in the audit table that who (a pseudonym, never a name:
// privacy.Keyring.Pseudonym) did action, with detail saying what it was.
func Audit(ctx context.Context, st *store.Store, who, action, detail string) error {
	_, err := st.DB.ExecContext(ctx, auditInsertSQL, time.Now().UTC().Format(time.RFC3339), who, action, detail)
	return err
}
