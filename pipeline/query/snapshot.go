package query

import (
	"context"
	"database/sql"
	"fmt"
	"net/url"
	"strings"
)

// copyDatabase writes a copy of src's database to path, through a fresh
// ATTACH that is always detached again.
func copyDatabase(ctx context.Context, src *sql.DB, path string, gen int) error {
	conn, err := src.Conn(ctx)
	if err != nil {
		return err
	}
	defer conn.Close()
	var catalog string
	if err := conn.QueryRowContext(ctx, currentDatabaseSQL).Scan(&catalog); err != nil {
		return err
	}
	alias := fmt.Sprintf("obs_console_%d", gen)
	defer conn.ExecContext(context.Background(), fmt.Sprintf(snapshotDetachSQL, alias))
	_, err = conn.ExecContext(ctx, fmt.Sprintf(snapshotCopySQL, sqlIdent(catalog), sqlString(path), alias))
	return err
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

// sqlString quotes s as a SQL string literal.
func sqlString(s string) string { return "'" + strings.ReplaceAll(s, "'", "''") + "'" }

// sqlIdent quotes s as a SQL identifier.
func sqlIdent(s string) string { return `"` + strings.ReplaceAll(s, `"`, `""`) + `"` }
