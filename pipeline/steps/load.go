package steps

import (
	"context"
	"fmt"
	"path/filepath"

	"github.com/ourbiggerstory/obs/pipeline/ingest"
	"github.com/ourbiggerstory/obs/pipeline/store"
)

// Load loads returns into st: every file of files, those holding interview
// codes last so that the names in rosters are known before excerpts are
// read, one transaction a file. each, when set, is told every file's result
// as soon as it is known. A file refused whole is a result, not an error;
// an error stops the run, and nothing of that file is stored. The audit
// table records each file as loaded by who ctx says (As), else by the
// pseudonym of opt.User.
func Load(ctx context.Context, st *store.Store, files []string, opt ingest.Options, each func(*ingest.Result)) ([]*ingest.Result, error) {
	var out []*ingest.Result
	for _, f := range ingest.Order(files) {
		res, err := ingest.File(ctx, st, f, opt)
		if err != nil {
			return out, fmt.Errorf("%s: %w (nothing from this file was stored)", filepath.Base(f), err)
		}
		out = append(out, res)
		if err := audit(ctx, st.DB, actor(ctx, &opt), ActionLoad, loadDetail(res)); err != nil {
			return out, err
		}
		if each != nil {
			each(res)
		}
	}
	return out, nil
}

// Changed says whether any result stored something new.
func Changed(results []*ingest.Result) bool {
	for _, r := range results {
		if r.Refused == nil && (!r.AlreadyLoaded || r.Rechecked && r.Loaded > 0) {
			return true
		}
	}
	return false
}
