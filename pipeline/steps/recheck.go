package steps

import (
	"context"
	"fmt"

	"github.com/ourbiggerstory/obs/pipeline/ingest"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// Recheck checks every quarantined row of the current loads again against
// what the database knows now (areas added since, above all) and loads
// those that pass into their own loads, in one transaction. There is one
// result a load that has quarantined rows. The audit table records it as
// done by who ctx says (As), else by the pseudonym of opt.User.
func Recheck(ctx context.Context, st *store.Store, opt ingest.Options) ([]*ingest.Result, error) {
	res, err := ingest.Recheck(ctx, st, opt)
	if err != nil {
		return nil, fmt.Errorf("re-checking the quarantined rows: %w (nothing was changed)", err)
	}
	checked, loaded, _ := Rechecked(res)
	return res, audit(ctx, st.DB, actor(ctx, &opt), ActionRecheck, fmt.Sprintf("%d quarantined rows checked again, %d loaded", checked, loaded))
}

// Rechecked adds up re-check results: rows checked, loaded, still quarantined.
func Rechecked(results []*ingest.Result) (checked, loaded, still int) {
	for _, r := range results {
		checked += r.Rows
		loaded += r.Loaded
		still += r.Quarantined
	}
	return checked, loaded, still
}
