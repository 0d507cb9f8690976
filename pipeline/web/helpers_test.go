package web

import (
	"context"
	"database/sql"
	"path/filepath"
	"testing"

	"github.com/ourbiggerstory/obs/pipeline/store"
)

func namedArg(name string, v any) any { return sql.Named(name, v) }

// emptyStore is a new database holding the built-in areas only.
func emptyStore(t testing.TB) *store.Store {
	t.Helper()
	st, err := store.Open(context.Background(), filepath.Join(t.TempDir(), "obs.duckdb"))
	if err != nil {
		t.Fatal(err)
	}
	t.Cleanup(func() { st.Close() })
	return st
}
