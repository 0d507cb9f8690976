package query

import (
	"context"
	"database/sql"
	"fmt"
	"io"
	"net/url"
	"os"
)

// copyDatabase copies the database file src (a reading copy, never changed
// in place) to a new file at path.
func copyDatabase(src, path string) error {
	in, err := os.Open(src)
	if err != nil {
		return err
	}
	defer in.Close()
	out, err := os.OpenFile(path, os.O_WRONLY|os.O_CREATE|os.O_EXCL, 0o600)
	if err != nil {
		return err
	}
	if _, err := io.Copy(out, in); err != nil {
		out.Close()
		return err
	}
	return out.Close()
}

// openLocked opens the snapshot at path as its own DuckDB instance, read-only
// and locked down, and checks that the settings took.
func openLocked(ctx context.Context, path string, opt SandboxOptions) (*sql.DB, error) {
	q := url.Values{}
	q.Set("access_mode", "read_only")
	q.Set("enable_external_access", "false")
	q.Set("autoinstall_known_extensions", "false")
	q.Set("autoload_known_extensions", "false")
	q.Set("allow_community_extensions", "false")
	q.Set("max_memory", opt.MaxMemory)
	q.Set("threads", fmt.Sprint(opt.Threads))
	q.Set("lock_configuration", "true")
	db, err := sql.Open("duckdb", path+"?"+q.Encode())
	if err != nil {
		return nil, fmt.Errorf("opening the console's copy of the database: %w", err)
	}
	db.SetMaxOpenConns(opt.Concurrent + 1)
	var locked, external string
	err = db.QueryRowContext(ctx, snapshotSettingsSQL).Scan(&locked, &external)
	if err == nil && (locked != "true" || external != "false") {
		err = fmt.Errorf("settings did not take (lock_configuration=%s, enable_external_access=%s)", locked, external)
	}
	if err != nil {
		db.Close()
		return nil, fmt.Errorf("the console's copy of the database is not locked down, so the console stays off: %w", err)
	}
	return db, nil
}
